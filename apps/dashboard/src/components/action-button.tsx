import { useAction } from '../hooks';
import { ErrorNote } from './common';

/**
 * A button that sends one request; while it is on its way the button says so and cannot be
 * pressed again, and a refusal (a 409, a 403 naming the scope) is shown next to it.
 */
export function ActionButton<T>(props: { label: string; pendingLabel: string; perform: () => Promise<T>; onDone: (result: T) => void; danger?: boolean; action: string }) {
  const action = useAction(props.perform, props.onDone);
  return (
    <div class="action" data-action={props.action}>
      <button type="button" class={props.danger ? 'danger' : undefined} onClick={action.run} disabled={action.pending}>
        {action.pending ? props.pendingLabel : props.label}
      </button>
      {action.error !== undefined && <ErrorNote error={action.error} />}
    </div>
  );
}
