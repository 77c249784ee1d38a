/** The hidden field every state-changing form carries (see web/auth/auth-plugin). */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}
