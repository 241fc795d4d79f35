import type { Localized } from '@allot/engine';

/**
 * The kinds of book a company imports, and each one's columns. A column is found by any of
 * its header names (Chinese or English, compared without case, width or spaces); a saved
 * mapping can name another header. Data, not code: docs/import.md prints this table.
 */
export const IMPORT_KINDS = ['staff', 'clients', 'sanctions', 'violations', 'late-entries', 'mismatches', 'deals'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** What a column holds, which decides how its cells are read. */
export type ColumnType = 'id' | 'staff' | 'text' | 'date' | 'money' | 'count' | 'tier' | 'role' | 'form' | 'severity';

/** One column of an import kind. */
export interface ColumnDef {
  /** The field it fills (an event field, or one the importer uses itself). */
  key: string;
  label: Localized;
  type: ColumnType;
  required: boolean;
  /** Header names that find the column, the label's first. */
  headers: readonly string[];
}

/** One kind of book. */
export interface KindDef {
  kind: ImportKind;
  label: Localized;
  columns: readonly ColumnDef[];
  /** Columns whose values make the row's key, when no record number is given. */
  key: readonly string[];
  /** The go-live instant is needed (opening state is written at it). */
  needsGoLive: boolean;
}

const col = (key: string, zh: string, en: string, type: ColumnType, required: boolean, ...more: string[]): ColumnDef => ({
  key,
  label: { zh, en },
  type,
  required,
  headers: [zh, en, key, ...more],
});

const RECORD_ID = col('recordId', '记录编号', 'Record no.', 'id', false, '编号', '序号', 'No.', 'record id', 'id');
const AT = col('at', '日期', 'Date', 'date', true, '时间', '发生日期', '发生时间', '登记日期', 'date time', 'time', 'at');
const STAFF = col('staffId', '员工', 'Staff', 'staff', true, '工号', '员工编号', '姓名', '员工姓名', '销售员', '客户经理', 'staff id', 'employee', 'name');
const RECORDED_FINE = col('recordedFineFen', '已记录罚款(元)', 'Recorded fine (yuan)', 'money', false, '罚款', '罚款金额', '扣罚', '扣罚金额', '记录罚款', 'fine', 'recorded fine');
const NOTE = col('note', '备注', 'Note', 'text', false, '说明', '原因', 'remark', 'comment');

/** Every kind's definition, by kind. */
export const KIND_DEFS: { readonly [K in ImportKind]: KindDef } = {
  staff: {
    kind: 'staff',
    label: { zh: '员工名册', en: 'Staff roster' },
    key: ['staffId'],
    needsGoLive: true,
    columns: [
      col('staffId', '工号', 'Staff id', 'id', true, '员工编号', '编号', 'staff', 'employee id', 'id'),
      col('name', '姓名', 'Name', 'text', false, '员工姓名', '名字', 'staff name'),
      col('role', '岗位', 'Role', 'role', true, '角色', '职位', '职务', 'position'),
      col('level', '级别', 'Level', 'tier', false, '服务客户类型', '客户类型', 'tier'),
      col('joinedAt', '入职日期', 'Joined', 'date', false, '入职时间', 'joined at', 'start date'),
      col('leftAt', '离职日期', 'Left', 'date', false, '离职时间', 'left at', 'end date'),
      col('successorId', '接替人', 'Successor', 'staff', false, '交接人', 'successor id'),
    ],
  },
  clients: {
    kind: 'clients',
    label: { zh: '客户台账', en: 'Client book' },
    key: ['clientId'],
    needsGoLive: true,
    columns: [
      col('clientId', '客户编号', 'Client id', 'id', true, '客户', '客户名称', '客户代码', 'client', 'customer', 'customer id'),
      col('owner', '负责人', 'Owner', 'staff', false, '客户经理', '销售员', '跟进人', '归属', 'owner id', 'rep'),
      col('tier', '客户类型', 'Tier', 'tier', false, '类型', '级别', 'ABCD', 'class'),
      col('registeredAt', '登记日期', 'Registered', 'date', false, '登记备案日期', '备案日期', 'registered at', 'registration date'),
      col('r2Deadline', '保护期至', 'Protected until', 'date', false, '开发期限', 'R2截止', 'r2 deadline', 'review due'),
      col('handedOutAt', '分配日期', 'Handed out', 'date', false, '分配时间', 'allocated at', 'assigned at', 'handed out at'),
      col('lastActivityAt', '最后跟进', 'Last activity', 'date', false, '最后跟进日期', '最近跟进', '最后活动', 'last activity at', 'last contact'),
    ],
  },
  sanctions: {
    kind: 'sanctions',
    label: { zh: '上线时的处罚', en: 'Sanctions at go-live' },
    key: ['staffId'],
    needsGoLive: true,
    columns: [
      STAFF,
      col('banUntil', '停止分配至', 'Ban until', 'date', false, '停止资源分配至', '停分配至', 'banned until'),
      col('hotlineBanUntil', '停接400至', 'Hotline ban until', 'date', false, '停止接听至', '不能接听至', 'hotline banned until'),
      col('pausesOwed', '暂停次数', 'Pauses owed', 'count', false, '剩余暂停次数', '暂停分配次数', 'pauses'),
      col('priorViolations', '既往违规次数', 'Prior violations', 'count', false, '违规次数', '累计违规次数', 'violations'),
    ],
  },
  violations: {
    kind: 'violations',
    label: { zh: '违规记录', en: 'Violations' },
    key: ['staffId', 'at'],
    needsGoLive: false,
    columns: [RECORD_ID, AT, STAFF, col('severity', '严重程度', 'Severity', 'severity', false, '性质', '情节', 'level'), NOTE, RECORDED_FINE],
  },
  'late-entries': {
    kind: 'late-entries',
    label: { zh: '未按时录入记录', en: 'Late entries' },
    key: ['staffId', 'form', 'at'],
    needsGoLive: false,
    columns: [RECORD_ID, AT, STAFF, col('form', '表单', 'Form', 'form', true, '表格', '登记表', 'table', 'register'), RECORDED_FINE],
  },
  mismatches: {
    kind: 'mismatches',
    label: { zh: '资源重新申请表(类型不符)', en: 'Re-application forms (tier mismatches)' },
    key: ['clientId', 'at'],
    needsGoLive: false,
    columns: [
      RECORD_ID,
      col('at', '批准日期', 'Approved', 'date', true, '日期', '审批日期', 'date', 'approved at'),
      col('clientId', '客户编号', 'Client id', 'id', true, '客户', '客户名称', 'client'),
      col('receptionistId', '接听客服', 'Receptionist', 'staff', true, '客服', '判定人', 'receptionist id'),
      col('repId', '申请人', 'Rep', 'staff', true, '销售员', '客户经理', '申请销售', 'rep id'),
      col('classifiedTier', '原判定类型', 'Classified tier', 'tier', true, '判定类型', '原类型', 'classified'),
      col('actualTier', '实际类型', 'Actual tier', 'tier', true, '核实类型', 'actual'),
      col('approvedBy', '批准人', 'Approved by', 'id', true, '审批人', '销售经理', 'approver'),
    ],
  },
  deals: {
    kind: 'deals',
    label: { zh: '成交记录', en: 'Deals' },
    key: ['clientId', 'at'],
    needsGoLive: false,
    columns: [
      RECORD_ID,
      col('at', '成交日期', 'Closed', 'date', true, '日期', '签约日期', 'date', 'closed at'),
      col('clientId', '客户编号', 'Client id', 'id', true, '客户', '客户名称', 'client'),
      STAFF,
      col('amountFen', '成交金额(元)', 'Amount (yuan)', 'money', true, '金额', '成交金额', '合同金额', 'amount'),
    ],
  },
};

/** Whether a string names an import kind. */
export const isImportKind = (value: string): value is ImportKind => (IMPORT_KINDS as readonly string[]).includes(value);
