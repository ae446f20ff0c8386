import { DomainError } from '@vm-system/domain';

type NotFoundCode = 'TEMPLATE_NOT_FOUND' | 'SESSION_NOT_FOUND';

const SUBJECT: Record<NotFoundCode, { noun: string; key: string }> = {
  TEMPLATE_NOT_FOUND: { noun: 'Template', key: 'template_id' },
  SESSION_NOT_FOUND: { noun: 'Session', key: 'session_id' },
};

/** A decider cannot know the id of a stream that does not exist; the error should name it. */
export function namingTheMissing<T>(code: NotFoundCode, id: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof DomainError && error.code === code) {
      const { noun, key } = SUBJECT[code];
      throw new DomainError(code, `${noun} not found: ${id}`, { [key]: id });
    }
    throw error;
  }
}
