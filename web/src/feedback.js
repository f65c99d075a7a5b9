// Feedback where the eye is: a toast for every result (Element Plus messages are role="alert",
// so screen readers announce them), Chinese field names in every error, and the field an error
// names, so a form can show it inline.
import { ElMessage, ElMessageBox } from 'element-plus';

// API field names → the Chinese names staff see on the forms.
export const fieldNames = {
  self_score: '自评分', review_score: '复核分', comment: '复核意见', note: '自评说明', decision: '复核结论',
  target: '指标值', adjusted_target: '调整后指标值', actual: '实际完成值', deviation_reason: '偏差原因',
  line_code: '项目代码', indicator_code: '指标代码', name: '用户名', password: '密码', old_password: '原密码',
  new_password: '新密码', role: '角色', units: '单位', display_name: '姓名', kind: '数据类型', file: '文件',
  year: '年度', unit: '单位', as_of: '截至日期', execution: '假设执行率', code: '代码', parent_code: '上级单位',
  overrides: '调整得分', reason: '调整理由', points: '得分', inputs: '自评内容',
};

// The message with any English field name the server put in it replaced by its Chinese name.
export function chineseMessage(e) {
  // API details meant for programmers ("（POST /api/password）", "（请求头 X-CSRF-Token）") are left out.
  let text = ((e && e.message) || '操作失败').replace(/（[^（）]*(\/api\/|X-CSRF-Token)[^（）]*）/g, '');
  for (const [en, zh] of Object.entries(fieldNames)) {
    text = text.split(`${zh} ${en}`).join(zh).split(`${zh}${en}`).join(zh);
    text = text.replace(new RegExp(`(^|[^A-Za-z_])${en}(?![A-Za-z_])`, 'g'), `$1${zh}`);
  }
  return text;
}

// The field an API error is about (`location.field`), or ''.
export const errorField = (e) => (e && e.body && e.body.location && e.body.location.field) || '';

export function toastOk(message) { ElMessage({ type: 'success', message, showClose: true }); }
export function toastError(e) {
  ElMessage({ type: 'error', message: typeof e === 'string' ? e : chineseMessage(e), showClose: true, duration: 6000 });
}

// A confirmation before an action that cannot be taken back; resolves true when confirmed.
export async function confirmAction(message, title, confirmText, danger = false) {
  try {
    await ElMessageBox.confirm(message, title, {
      confirmButtonText: confirmText, cancelButtonText: '取消', type: danger ? 'warning' : 'info',
      confirmButtonClass: danger ? 'el-button--danger' : '',
    });
    return true;
  } catch { return false; }
}
