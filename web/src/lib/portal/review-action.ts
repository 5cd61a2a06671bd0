// The staff pet page's `reviewCare` action (issue 11), kept with the portal's code: the page adds one line.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { isUuid } from '#lib/ids.ts';
import { reviewCareProposal } from '#lib/server/db/care-proposals.ts';

export async function reviewCareAction(event: RequestEvent, petName: string) {
  const form = await event.request.formData();
  const proposalId = String(form.get('proposal_id') ?? '');
  const decision = String(form.get('decision') ?? '');
  const note = String(form.get('note') ?? '').trim();
  if (!isUuid(proposalId))
    return fail(404, { form: 'care' as const, proposalId, error: 'That proposed change no longer exists.' });
  if (decision !== 'accept' && decision !== 'reject')
    return fail(400, { form: 'care' as const, proposalId, error: 'Choose Accept or Decline.' });
  if (note.length > 500)
    return fail(400, {
      form: 'care' as const,
      proposalId,
      error: `The note can be at most 500 characters (this is ${note.length}).`,
    });
  const outcome = await reviewCareProposal(event.locals.supabase, proposalId, decision === 'accept', note || null);
  if (!outcome.ok) return fail(400, { form: 'care' as const, proposalId, error: outcome.message });
  return {
    form: 'care' as const,
    proposalId,
    reviewed:
      decision === 'accept'
        ? `Accepted: ${petName}’s care instructions are updated, and the family sees it.`
        : 'Declined. The family sees your answer.',
  };
}
