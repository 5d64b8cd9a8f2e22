// UI texts, Chinese first (the hub's users), English as the switch. Keys are used by data-i18n attributes and t().
export const messages = {
  zh: {
    title: '街道数据枢纽 · 图谱浏览', credential: 'API 密钥或令牌', login: '登录', logout: '退出',
    search: '搜索', searchHint: '身份证号、车牌、姓名或拼音、地址、案件编号', details: '详情',
    refused: '凭据无效或已过期', noSchema: '此角色不能读取接口结构（introspection），无法使用图谱浏览',
    searching: '搜索中…', hits: (n) => `${n} 条结果`, none: '没有结果', exact: '精确匹配',
    expand: '展开', of: (a, b) => `${a} / ${b}`, more: '更多', properties: '属性', sources: '来源记录',
    source: '来源', recordKey: '记录', location: '位置', ingestedAt: '采集时间', relation: '关系', rule: '匹配规则',
    failed: '请求失败', graph: (n, e) => `${n} 个节点，${e} 条关系`, hide: '隐藏', notFound: '没有找到或无权查看',
  },
  en: {
    title: 'Jiedao Hub · graph explorer', credential: 'API key or token', login: 'Log in', logout: 'Log out',
    search: 'Search', searchHint: 'ID number, plate, name or pinyin, address, case number', details: 'Details',
    refused: 'Credential refused or expired', noSchema: 'This role may not read the API schema (introspection); the explorer cannot run',
    searching: 'Searching…', hits: (n) => `${n} results`, none: 'No results', exact: 'exact match',
    expand: 'Expand', of: (a, b) => `${a} of ${b}`, more: 'more', properties: 'Properties', sources: 'Source records',
    source: 'Source', recordKey: 'Record', location: 'Location', ingestedAt: 'Ingested', relation: 'Relation', rule: 'Rule',
    failed: 'Request failed', graph: (n, e) => `${n} nodes, ${e} relationships`, hide: 'Hide', notFound: 'Not found or not visible to you',
  },
};
