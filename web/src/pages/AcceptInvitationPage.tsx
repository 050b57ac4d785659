import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api } from '../api/client';

export default function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const accept = useMutation({
    mutationFn: () => api.post('/invitations/accept', { token, name, password }),
  });
  const error = accept.error instanceof ApiError ? accept.error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate();
  };

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420} component="form" onSubmit={submit}>
        <Stack>
          <Title order={1} size="h3">
            Join Tend
          </Title>
          {accept.isSuccess ? (
            <Alert color="teal" title="Welcome aboard">
              <Text size="sm">
                Your account is ready. <Link to="/login">Log in</Link>.
              </Text>
            </Alert>
          ) : (
            <>
              {!token && <Alert color="red">This link has no invitation token.</Alert>}
              {error && !error.issues.length && <Alert color="red">{error.message}</Alert>}
              <TextInput
                label="Your name"
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={error?.fieldError('name')}
              />
              <PasswordInput
                label="Choose a password"
                description="At least 10 characters."
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={error?.fieldError('password')}
              />
              <Button type="submit" loading={accept.isPending} disabled={!token}>
                Create my account
              </Button>
            </>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
