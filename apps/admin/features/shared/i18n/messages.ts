/** Every string of the UI, in both languages, and `t()`. */
import type { Lang, Localized } from './lang';
import { API_MESSAGES } from './messages-api';
import { INTEGRATIONS_MESSAGES } from './messages-integrations';
import { APPEALS_MESSAGES } from './messages-appeals';
import { AUDIT_MESSAGES } from './messages-audit';
import { CLIENTS_MESSAGES } from './messages-clients';
import { EDITOR_MESSAGES } from './messages-editor';
import { ME_MESSAGES } from './messages-me';
import { PEOPLE_MESSAGES } from './messages-people';
import { PUBLISHING_MESSAGES } from './messages-publishing';
import { TEXT_MESSAGES } from './messages-text';
import { WHATIF_MESSAGES } from './messages-whatif';
import { IMPORTS_MESSAGES } from './messages-imports';

/**
 * Every string of the UI, in both languages, keyed by where it is used. Placeholders are
 * `{name}`; `t()` fills them. Rule and field labels live with the policy helpers (lib/policy).
 */
export const MESSAGES = {
  'app.name': { zh: 'allot 制度管理', en: 'allot policy admin' },
  'app.tagline': { zh: '客户资源分配与销售纪律制度', en: 'Client allocation and sales discipline policy' },
  'nav.policies': { zh: '制度', en: 'Policies' },
  'nav.decisions': { zh: '决定记录', en: 'Decisions' },
  'nav.users': { zh: '用户', en: 'Users' },
  'nav.whatIf': { zh: '模拟推演', en: 'What-if' },
  'nav.audit': { zh: '审计', en: 'Audit' },
  'nav.people': { zh: '员工', en: 'People' },
  'nav.clients': { zh: '客户', en: 'Clients' },
  'nav.accessRequests': { zh: '查看申请', en: 'Access requests' },
  'nav.accessLog': { zh: '访问日志', en: 'Access log' },
  'nav.reports': { zh: '周报', en: 'Weekly report' },
  'nav.tokens': { zh: 'API 令牌', en: 'API tokens' },
  'nav.integrations': { zh: '外发集成', en: 'Integrations' },
  'nav.signOut': { zh: '退出登录', en: 'Sign out' },
  'nav.password': { zh: '修改密码', en: 'Change password' },
  'account.title': { zh: '修改密码', en: 'Change password' },
  'account.required': { zh: '管理员已重置您的密码。请先设置一个只有您知道的新密码，然后才能继续使用。', en: 'An administrator reset your password. Choose a new one only you know before you go on.' },
  'account.current': { zh: '当前密码', en: 'Current password' },
  'account.next': { zh: '新密码', en: 'New password' },
  'account.repeat': { zh: '再次输入新密码', en: 'New password again' },
  'account.mismatch': { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' },
  'account.submit': { zh: '保存新密码', en: 'Save the new password' },
  'account.done': { zh: '密码已修改。您在其他设备上的登录已退出。', en: 'Password changed. Your sessions on other devices were signed out.' },
  'account.rule': { zh: '至少 10 个字符；不能包含用户名，不能是重复的字符，不能是常见密码。几个不相关的词连在一起就很好。', en: 'At least 10 characters; not containing your username, not a repeated character, not a common password. A few unrelated words together work well.' },
  'nav.switchLang': { zh: 'English', en: '中文' },
  'role.viewer': { zh: '只读', en: 'Viewer' },
  'role.editor': { zh: '人事（编辑）', en: 'HR (editor)' },
  'role.approver': { zh: '经理（审批）', en: 'Manager (approver)' },
  'role.auditor': { zh: '审计', en: 'Auditor' },
  'role.admin': { zh: '系统管理员', en: 'Administrator' },
  'role.rep': { zh: '销售', en: 'Sales rep' },

  'signIn.title': { zh: '登录', en: 'Sign in' },
  'signIn.username': { zh: '用户名', en: 'Username' },
  'signIn.password': { zh: '密码', en: 'Password' },
  'signIn.submit': { zh: '登录', en: 'Sign in' },
  'signIn.invalid': { zh: '用户名或密码不正确', en: 'Wrong username or password' },
  'signIn.locked': { zh: '失败次数过多，请稍后再试（等待时间随失败次数增加）', en: 'Too many failed attempts; wait a little and try again (the wait grows with each failure)' },
  'signIn.signedOut': { zh: '您已退出登录', en: 'You are signed out' },

  'status.draft': { zh: '草稿', en: 'Draft' },
  'status.submitted': { zh: '待审批', en: 'Awaiting approval' },
  'status.approved': { zh: '已批准（待发布）', en: 'Approved (not yet published)' },
  'status.in_force': { zh: '生效中', en: 'In force' },
  'status.scheduled': { zh: '已发布（定时生效）', en: 'Published (scheduled)' },
  'status.superseded': { zh: '已被新版本取代', en: 'Superseded' },
  'status.retired': { zh: '已停用', en: 'Retired' },

  'action.create': { zh: '新建草稿', en: 'created the draft' },
  'action.save': { zh: '保存', en: 'saved' },
  'action.submit': { zh: '提交审批', en: 'submitted for approval' },
  'action.approve': { zh: '批准', en: 'approved' },
  'action.reject': { zh: '退回', en: 'rejected' },
  'action.publish': { zh: '发布', en: 'published' },
  'action.rollback': { zh: '回滚发布', en: 'rolled back' },

  'policies.title': { zh: '制度与版本', en: 'Policies and versions' },
  'policies.version': { zh: '版本', en: 'Version' },
  'policies.status': { zh: '状态', en: 'Status' },
  'policies.effectiveFrom': { zh: '生效时间', en: 'Effective from' },
  'policies.author': { zh: '起草人', en: 'Author' },
  'policies.approver': { zh: '审批人', en: 'Approver' },
  'policies.updated': { zh: '最后修改', en: 'Last change' },
  'policies.open': { zh: '查看', en: 'Open' },
  'policies.edit': { zh: '编辑', en: 'Edit' },
  'policies.diff': { zh: '对比', en: 'Compare' },
  'policies.newDraft': { zh: '基于生效版本新建草稿', en: 'New draft from the version in force' },
  'policies.newDraftFrom': { zh: '基于此版本新建草稿', en: 'New draft from this version' },
  'policies.audit': { zh: '操作记录', en: 'Audit trail' },
  'policies.auditWho': { zh: '人员', en: 'Who' },
  'policies.auditWhen': { zh: '时间', en: 'When' },
  'policies.auditWhat': { zh: '操作', en: 'What' },
  'policies.auditHashes': { zh: '内容摘要（前 → 后）', en: 'Content hash (before → after)' },
  'policies.auditNote': { zh: '说明', en: 'Note' },
  'policies.none': { zh: '暂无', en: 'None' },
  'policies.hash': { zh: '内容摘要', en: 'Content hash' },
  'policies.revision': { zh: '修订', en: 'Revision' },

  'version.title': { zh: '{id} 版本 {version}', en: '{id} version {version}' },
  'version.changes': { zh: '与生效版本 {base} 的差异', en: 'Changes from {base} (in force)' },
  'version.noBase': { zh: '没有可对比的生效版本', en: 'No version in force to compare with' },
  'version.workflow': { zh: '审批流程', en: 'Approval' },
  'version.submitNote': { zh: '给审批人的说明', en: 'Note for the approver' },
  'version.submit': { zh: '提交审批', en: 'Submit for approval' },
  'version.comment': { zh: '审批意见', en: 'Comment' },
  'version.approve': { zh: '批准', en: 'Approve' },
  'version.reject': { zh: '退回修改', en: 'Reject' },
  'version.publish': { zh: '发布', en: 'Publish' },
  'version.publishNow': { zh: '立即生效', en: 'Effective now' },
  'version.publishAt': { zh: '定时生效', en: 'Effective at' },
  'version.rollback': { zh: '回滚到此版本（作为新版本发布）', en: 'Roll back to this version (published as a new version)' },
  'version.makerBlocked': { zh: '您创建或修改过此版本，须由其他审批人审批和发布。', en: 'You created or edited this version; another approver must approve and publish it.' },
  'version.editResets': { zh: '编辑将使其回到草稿状态，需要重新审批。', en: 'Editing sends it back to draft; it must be approved again.' },
  'version.published': { zh: '已发布的版本不可修改。', en: 'A published version cannot change.' },
  'version.done': { zh: '已完成', en: 'Done' },
  'version.waitingApproval': { zh: '等待审批人审批。', en: 'Waiting for an approver.' },
  'version.waitingPublish': { zh: '已批准，等待审批人发布。', en: 'Approved; waiting for an approver to publish it.' },

  'impact.title': { zh: '影响评估：最近 {days} 天的历史（{from} 至 {to}，{events} 个事件）', en: 'Impact over the last {days} days of history ({from} to {to}, {events} events)' },
  'impact.versus': { zh: '以生效版本 {base} 与本版本 {candidate} 分别重放相同的历史', en: 'The same history replayed under {base} (in force) and under {candidate}' },
  'impact.metric': { zh: '指标', en: 'Measure' },
  'impact.base': { zh: '生效版本', en: 'In force' },
  'impact.candidate': { zh: '本版本', en: 'This version' },
  'impact.delta': { zh: '变化', en: 'Change' },
  'impact.finesFen': { zh: '罚款金额（元）', en: 'Fines (yuan)' },
  'impact.fines': { zh: '罚款次数', en: 'Fines (count)' },
  'impact.banDays': { zh: '停止分配天数', en: 'Ban days' },
  'impact.pauses': { zh: '暂停分配次数', en: 'Pauses' },
  'impact.hotlineBanDays': { zh: '停排接听天数', en: 'Hotline ban days' },
  'impact.reclaims': { zh: '客户收回（通知 + 自动）', en: 'Reclaims (notices + automatic)' },
  'impact.terminationReviews': { zh: '离职评审', en: 'Termination reviews' },
  'impact.allocations': { zh: '分配客户数', en: 'Allocations' },
  'impact.perPerson': { zh: '受影响人员（{n} 人）', en: 'People affected ({n})' },
  'impact.person': { zh: '人员', en: 'Person' },
  'impact.noChange': { zh: '对最近 {days} 天的历史没有任何影响。', en: 'No effect on the last {days} days of history.' },
  'impact.unavailable': { zh: '无法评估影响（没有生效版本或历史，或草稿无效）。', en: 'Impact unavailable (no version in force, no history, or the draft is invalid).' },

  'diff.title': { zh: '版本对比', en: 'Compare versions' },
  'diff.left': { zh: '左侧版本', en: 'Left' },
  'diff.right': { zh: '右侧版本', en: 'Right' },
  'diff.show': { zh: '对比', en: 'Compare' },
  'diff.field': { zh: '项目', en: 'Field' },
  'diff.changed': { zh: '共 {n} 处不同', en: '{n} difference(s)' },
  'diff.none': { zh: '两个版本内容相同', en: 'The two versions are the same' },
  'diff.ruleAdded': { zh: '新增规则', en: 'Rule added' },
  'diff.ruleRemoved': { zh: '删除规则', en: 'Rule removed' },
  'diff.ruleChanged': { zh: '有修改', en: 'Changed' },
  'diff.rungsAdded': { zh: '新增档位：{list}', en: 'Rungs added: {list}' },
  'diff.rungsRemoved': { zh: '删除档位：{list}', en: 'Rungs removed: {list}' },
  'diff.onlyChanges': { zh: '只看修改', en: 'Changes only' },
  'diff.general': { zh: '基本信息', en: 'General' },

  'common.yes': { zh: '是', en: 'Yes' },
  'common.no': { zh: '否', en: 'No' },
  'common.none': { zh: '—', en: '—' },
  'common.loading': { zh: '加载中…', en: 'Loading…' },
  'common.error': { zh: '出错了：{message}', en: 'Something went wrong: {message}' },
  'common.forbidden': { zh: '您的角色无权访问此页面。', en: 'Your role may not open this page.' },
  'common.notFound': { zh: '找不到该页面或版本。', en: 'No such page or version.' },
  'common.back': { zh: '返回制度列表', en: 'Back to policies' },
  ...EDITOR_MESSAGES,
  ...WHATIF_MESSAGES,
  ...IMPORTS_MESSAGES,
  ...AUDIT_MESSAGES,
  ...PEOPLE_MESSAGES,
  ...CLIENTS_MESSAGES,
  ...API_MESSAGES,
  ...PUBLISHING_MESSAGES,
  ...TEXT_MESSAGES,
  ...ME_MESSAGES,
  ...INTEGRATIONS_MESSAGES,
  ...APPEALS_MESSAGES,
} as const satisfies Record<string, Localized>;

/** A key of the messages table. */
export type MessageKey = keyof typeof MESSAGES;

/** The message in the language, with `{name}` placeholders filled. */
export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text: string = MESSAGES[key][lang];
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
