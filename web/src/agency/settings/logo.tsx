import { Button, FileInput, Group, Image, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, apiRequest } from '../../api/client';
import { ConfirmButton, SaveErrorAlert, useCanEdit } from './shared';

const LOGO_KEY = ['agency-logo'] as const;

/** Whether a logo is set, and a version to bust the image cache after a change. */
function useLogo() {
  return useQuery({
    queryKey: LOGO_KEY,
    queryFn: async () => {
      const response = await fetch('/api/v1/agency/logo', { credentials: 'same-origin', method: 'HEAD' });
      return { present: response.ok, version: Date.now() };
    },
  });
}

/** The agency's logo on the cover of its monthly reports: PNG, JPEG or SVG, at most 512 KB. */
export function LogoTab() {
  const canEdit = useCanEdit();
  const queryClient = useQueryClient();
  const logo = useLogo();
  const [file, setFile] = useState<File | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: LOGO_KEY });
  const upload = useMutation({
    mutationFn: (chosen: File) => {
      const form = new FormData();
      form.append('file', chosen);
      return apiRequest('PUT', '/agency/logo', form);
    },
    onSuccess: async () => {
      setFile(null);
      notifications.show({ message: 'The logo is saved: new reports carry it.', color: 'teal' });
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => apiRequest('DELETE', '/agency/logo'),
    onSuccess: refresh,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate(file);
  };
  const error = upload.error instanceof ApiError ? upload.error : null;

  return (
    <Stack maw={640}>
      <Text size="sm" c="dimmed">
        The logo on the cover of the monthly reports your clients receive. Reports already archived keep the
        logo they were printed with.
      </Text>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Current logo
          </Title>
          {logo.data?.present ? (
            <Group justify="space-between" align="center">
              <Image
                src={`/api/v1/agency/logo?v=${logo.data.version}`}
                alt="The agency’s logo"
                mah={64}
                w="auto"
                fit="contain"
              />
              {canEdit && (
                <ConfirmButton
                  label="Remove"
                  question="Remove the logo from future reports?"
                  confirmLabel="Remove logo"
                  loading={remove.isPending}
                  onConfirm={() => remove.mutate()}
                />
              )}
            </Group>
          ) : (
            <Text size="sm">No logo yet: reports show the agency’s name alone.</Text>
          )}
        </Stack>
      </Paper>
      {canEdit && (
        <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="logo-upload-title">
          <Stack gap="sm">
            <Title order={2} size="h4" id="logo-upload-title">
              Upload a logo
            </Title>
            {error && !error.fieldError('file') && <SaveErrorAlert error={error} />}
            <FileInput
              label="Logo file"
              description="PNG, JPEG or SVG, at most 512 KB."
              accept="image/png,image/jpeg,image/svg+xml"
              value={file}
              onChange={setFile}
              clearable
              error={error?.fieldError('file')}
            />
            <Group>
              <Button type="submit" disabled={!file} loading={upload.isPending}>
                Save logo
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
