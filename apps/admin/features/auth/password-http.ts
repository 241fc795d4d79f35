/**
 * A password change or reset as an HTTP answer (200, 404, 403 for a wrong current password, 400
 * for the rule).
 */
import { json } from '../shared/guard';
import { passwordMessage } from './password-rule';
import type { PasswordChange } from './users';

/** A password change or reset as an HTTP answer: 200, 404, 403 for a wrong current password, 400 for the rule. */
export function passwordChangeResponse(result: PasswordChange): Response {
  if (result.ok) return json({ ok: true });
  switch (result.reason) {
    case 'not_found':
      return json({ error: 'not_found' }, 404);
    case 'wrong_password':
      return json({ error: 'wrong_password', message: { zh: '当前密码不正确', en: 'the current password is wrong' } }, 403);
    case 'same_password':
      return json({ error: 'password_rule', problem: 'same_password', message: { zh: '新密码不能与当前密码相同', en: 'the new password must differ from the current one' } }, 400);
    case 'rule':
      return json({ error: 'password_rule', problem: result.problem, message: passwordMessage(result.problem) }, 400);
  }
}
