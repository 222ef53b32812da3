import type zh from './zh-CN';

const en: typeof zh = {
  app: { name: 'jiceng', fullName: 'Service-oriented grassroots Party building', short: '基层 · jiceng' },
  common: {
    ok: 'OK', cancel: 'Cancel', save: 'Save', create: 'New', edit: 'Edit', delete: 'Delete', search: 'Search',
    actions: 'Actions', yes: 'Yes', no: 'No', none: 'None', loading: 'Loading…', refresh: 'Refresh', reset: 'Reset',
    confirm: 'Confirm', saved: 'Saved', created: 'Created', deleted: 'Deleted', back: 'Back', all: 'All',
    status: 'Status', enabled: 'Active', disabled: 'Disabled', archived: 'Archived', active: 'Active', more: 'More',
    loadMore: 'Load more', noMore: 'No more entries', empty: 'No data', required: 'Required',
  },
  menu: {
    home: 'Home', orgs: 'Organization', accounts: 'Accounts', departments: 'Departments', policy: 'Policy', audit: 'Audit log',
  },
  header: { changePassword: 'Change password', logout: 'Log out', language: '中文', menu: 'Menu' },
  login: {
    title: 'Log in', username: 'Username', password: 'Password', submit: 'Log in', usernamePlaceholder: 'Username',
    passwordPlaceholder: 'Password', expired: 'Your session has expired; please log in again', welcome: 'Welcome',
    subtitle: 'Organization · Services · Visits · Evaluation', demo: 'Demo accounts: demo-county, demo-township, demo-village…',
  },
  password: {
    title: 'Change password', current: 'Current password', new: 'New password', repeat: 'Repeat new password',
    mismatch: 'The passwords do not match', changed: 'Password changed',
    hint: 'At least {min} characters with {classes} of: upper case, lower case, digits, symbols; not containing the username',
  },
  home: {
    greeting: 'Hello, {name}', intro: 'Your area: {scope}', orgCount: 'Party orgs', byTier: 'By tier',
    byLevel: 'By body level', quick: 'Shortcuts', noOrgs: 'Your account is not bound to an org',
  },
  orgs: {
    searchPlaceholder: 'Name, pinyin or initials (e.g. qsc)', showArchived: 'Show archived', detail: 'Org details',
    name: 'Name', code: 'Code', tier: 'Tier', level: 'Body level', sector: 'Sector', depth: 'Depth',
    parent: 'Parent', createdAt: 'Created', updatedAt: 'Updated', childCount: 'Child orgs', accounts: 'Accounts',
    addChild: 'Add child', move: 'Move', archive: 'Archive', restore: 'Restore', selectHint: 'Select an org on the left',
    createTitle: 'New child org', editTitle: 'Edit org', moveTitle: 'Move org', newParent: 'New parent',
    moveHint: '{name} and its {count} descendants will move together', moved: '{count} orgs moved',
    confirmArchive: 'Archive “{name}”? It leaves the everyday lists and can be restored at any time.',
    confirmDelete: 'Delete “{name}”? This cannot be undone.', archivedDone: 'Archived', restoredDone: 'Restored',
    suggestArchive: 'Archive instead', nodes: '{count} orgs', noAccounts: 'No accounts bound', depthValue: 'Level {n}',
    noMatch: 'No matching org',
  },
  accounts: {
    username: 'Username', displayName: 'Name', role: 'Role', org: 'Org', department: 'Department', phone: 'Phone',
    lastLogin: 'Last login', createdAt: 'Created', createTitle: 'New account', editTitle: 'Edit account',
    resetPassword: 'Reset password', disable: 'Disable', enable: 'Enable', password: 'Initial password',
    searchPlaceholder: 'Username or name', confirmDisable: 'Disable “{name}”? The account can no longer log in.',
    resetTitle: 'Reset the password of “{name}”', resetDone: 'Password reset', disabledDone: 'Disabled',
    enabledDone: 'Enabled', filterOrg: 'Filter by org', filterRole: 'Filter by role', never: 'Never',
    chooseRoleFirst: 'Choose a role first',
  },
  departments: {
    name: 'Name', code: 'Code', phone: 'Phone', createTitle: 'New department', editTitle: 'Edit department',
    archive: 'Archive', restore: 'Restore', readOnly: 'Only the county admin maintains departments',
  },
  policy: {
    groups: { password: 'Passwords', session: 'Sessions', lockout: 'Login lockout' },
    value: 'Value', default: 'Default', source: 'Source', resetDefault: 'Reset to default', overridden: 'Changed',
    readOnly: 'You can only view the policy', noChanges: 'No changes', changed: '{count} unsaved', updatedBy: 'Changed by {by} at {at}',
  },
  audit: {
    time: 'Time', actor: 'Actor', action: 'Action', entity: 'Entity', detail: 'Detail', ip: 'IP', hash: 'Hash',
    actionPlaceholder: 'All actions', actorPlaceholder: 'Actor', entityPlaceholder: 'Entity type',
    from: 'From', to: 'To', dateRange: 'Dates', summary: 'Summary',
  },
  notFound: { title: 'Page not found', text: 'The page does not exist or has moved.', home: 'Back home' },
  errors: { network: 'Cannot reach the server; check the network', unknown: 'Something went wrong; try again later' },
};
export default en;
