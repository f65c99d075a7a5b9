// Display helpers shared by the pages: tag colours for warning levels and workflow states,
// and the gap to schedule as a signed percent.
export const levelTag = (level) => ({ red: 'danger', orange: 'warning', yellow: 'warning', blue: 'info' }[level] || 'info');
// Import kinds: the ledger's (数据导入's choice) and those imported elsewhere.
export const ledgerKinds = { budget: '预算', adjustments: '预算调整', payments: '支付明细', commitments: '合同未付余额' };
export const otherImportKinds = { indicators: '指标库', goals: '绩效目标申报表', deputies: '人大代表', suggestions: '代表建议', activities: '代表履职活动', records: '人大工作记录' };
export const importKindNames = { ...ledgerKinds, ...otherImportKinds };
export const statusNames = { draft: '草稿', submitted: '已提交', reviewed: '已复核', returned: '已退回' };
export const statusTag = (status) => ({ draft: 'info', submitted: 'warning', reviewed: 'success', returned: 'danger' }[status] || 'info');
export function gapText(gap) {
  if (gap === null || gap === undefined || gap === '') return '—';
  const n = Number(gap);
  return `${n > 0 ? '+' : ''}${n.toFixed(1)} 个百分点`;
}
export const gapClass = (gap) => (gap === null || gap === undefined ? '' : Number(gap) < -5 ? 'bad' : Number(gap) < 0 ? 'warn' : 'good');
