import { AppError, invalidInput, notFound } from '../../errors';
import type { LogoContentType } from '../../report/render-report-html';
import { requireAgencyAdmin } from '../access';
import { recordAudit } from '../audit';
import type { Actor, ServiceDeps } from '../context';

/** A logo is printed on a report's cover: a small image is plenty. */
export const LOGO_MAX_BYTES = 512 * 1024;

/**
 * The type of an uploaded logo from its bytes (the declared type is not trusted): PNG and JPEG by their
 * signatures, SVG by an `<svg` root after an optional XML declaration, comments and doctype.
 */
export function detectLogoType(bytes: Uint8Array): LogoContentType | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((byte, index) => bytes[index] === byte)) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const head = Buffer.from(bytes.subarray(0, 4096))
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const svgRoot =
    /^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE\s+svg[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i;
  return svgRoot.test(head) ? 'image/svg+xml' : null;
}

export interface AgencyLogo {
  contentType: LogoContentType;
  bytes: Buffer;
}

/** The agency's logo on its reports: agency admins set and remove it; everyone signed in may fetch it. */
export class AgencyLogoService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The logo for rendering reports (no actor: reports carry it whoever asks for them). */
  async current(): Promise<AgencyLogo | null> {
    const row = await this.deps.db
      .selectFrom('organizations')
      .select(['logo', 'logo_content_type'])
      .where('kind', '=', 'agency')
      .orderBy('created_at')
      .executeTakeFirst();
    if (!row?.logo || !row.logo_content_type) return null;
    return { contentType: row.logo_content_type, bytes: Buffer.from(row.logo) };
  }

  async get(_actor: Actor): Promise<AgencyLogo> {
    const logo = await this.current();
    if (!logo) throw notFound('Logo');
    return logo;
  }

  /** Checked before an upload is read. */
  assertMayChange(actor: Actor): void {
    requireAgencyAdmin(actor);
  }

  async set(actor: Actor, bytes: Buffer): Promise<{ contentType: LogoContentType; size: number }> {
    requireAgencyAdmin(actor);
    if (bytes.length === 0)
      throw invalidInput('Choose an image file for the logo.', [{ path: 'file', message: 'is empty' }]);
    if (bytes.length > LOGO_MAX_BYTES)
      throw new AppError('payload_too_large', `A logo may be at most ${LOGO_MAX_BYTES / 1024} KB.`);
    const contentType = detectLogoType(bytes);
    if (!contentType)
      throw invalidInput('The logo must be a PNG, JPEG or SVG image.', [
        { path: 'file', message: 'must be a PNG, JPEG or SVG image' },
      ]);
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('organizations')
        .set({ logo: bytes, logo_content_type: contentType, updated_at: this.deps.clock.now() })
        .where('id', '=', actor.organizationId)
        .execute();
      await recordAudit(trx, actor, {
        action: 'agency.logo_set',
        entity: 'organization',
        entityId: actor.organizationId,
        organizationId: actor.organizationId,
        data: { contentType, size: bytes.length },
        at: this.deps.clock.now(),
      });
    });
    return { contentType, size: bytes.length };
  }

  async remove(actor: Actor): Promise<void> {
    requireAgencyAdmin(actor);
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('organizations')
        .set({ logo: null, logo_content_type: null, updated_at: this.deps.clock.now() })
        .where('id', '=', actor.organizationId)
        .execute();
      await recordAudit(trx, actor, {
        action: 'agency.logo_removed',
        entity: 'organization',
        entityId: actor.organizationId,
        organizationId: actor.organizationId,
        at: this.deps.clock.now(),
      });
    });
  }
}
