// Progressive enhancement for our forms: while a submission is in flight the button says so, and when
// the server refuses the input, focus moves to the first problem so keyboard and screen-reader users
// land on it (a full page load without JavaScript gets the same order by reading top to bottom).
import { tick } from 'svelte';
import type { SubmitFunction } from '$app/forms';

export function submitting(setPending: (pending: boolean) => void): SubmitFunction {
  return ({ formElement, cancel }) => {
    // A file its field already refused in the browser (too big, wrong kind) is never sent. (Not through
    // setCustomValidity: the browser's validation bubble would cover the message the field shows.)
    const refused = formElement.querySelector<HTMLInputElement>('input[type="file"][data-refused]');
    if (refused) {
      cancel();
      refused.focus();
      return;
    }
    setPending(true);
    return async ({ update, result }) => {
      await update();
      setPending(false);
      if (result.type === 'failure') {
        await tick();
        const problem = formElement.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]');
        problem?.focus();
      }
    };
  };
}
