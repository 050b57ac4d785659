import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';

/**
 * The page (1-based) on which each named destination of a PDF lies. Chromium writes a named destination for
 * every element a link in the document points at (`<a href="#hours">`), in the catalog's /Dests dictionary,
 * so the table of contents can learn where its sections landed from a first rendering.
 */
export async function namedDestinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const pageByRef = new Map(document.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const dests = document.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const pages = new Map<string, number>();
  for (const [name, value] of dests?.entries() ?? []) {
    const resolved = document.context.lookup(value);
    // A destination is [page /XYZ left top zoom], or a dictionary holding it under /D.
    const array =
      resolved instanceof PDFArray
        ? resolved
        : resolved instanceof PDFDict
          ? resolved.lookupMaybe(PDFName.of('D'), PDFArray)
          : undefined;
    const pageRef = array?.get(0);
    const page = pageRef instanceof PDFRef ? pageByRef.get(pageRef.toString()) : undefined;
    if (page !== undefined) pages.set(name.decodeText(), page);
  }
  return pages;
}
