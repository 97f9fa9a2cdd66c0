import { AppError } from "./errors.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID (record ids are; a path segment that is not one names no record). */
export function isUuid(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}

/**
 * The id from a path, or NOT_FOUND: a malformed id names no record, and must not reach the database,
 * where PostgreSQL would refuse it as a type error.
 */
export function recordId(value: string | undefined): string {
  if (!isUuid(value)) throw new AppError("NOT_FOUND", "No such record.");
  return value;
}
