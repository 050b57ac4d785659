import { z } from 'zod';
import { Id, Role, TimeZone } from './common';

export const LoginBody = z.object({
  email: z.email(),
  password: z.string().min(1).max(1000),
});

export const UserCreateBody = z.object({
  organizationId: Id,
  email: z.email(),
  name: z.string().trim().min(1).max(200),
  role: Role,
  password: z.string().min(10, 'must be at least 10 characters').max(1000),
  timeZone: TimeZone.optional(),
});
export type UserCreateInput = z.infer<typeof UserCreateBody>;

export const UserUpdateBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  role: Role.optional(),
  timeZone: TimeZone.nullable().optional(),
  disabled: z.boolean().optional(),
});
export type UserUpdateInput = z.infer<typeof UserUpdateBody>;

export const InvitationCreateBody = z.object({
  organizationId: Id,
  email: z.email(),
  role: Role,
});
export type InvitationCreateInput = z.infer<typeof InvitationCreateBody>;

export const InvitationAcceptBody = z.object({
  token: z.string().min(10).max(200),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(10, 'must be at least 10 characters').max(1000),
});
export type InvitationAcceptInput = z.infer<typeof InvitationAcceptBody>;

export const TokenCreateBody = z.object({ name: z.string().trim().min(1).max(100) });
