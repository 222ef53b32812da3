/** Limits shared by schema, table and form (one home for each number). */
export const LIMITS = {
  nameMax: 100,
  codeMax: 32,
  usernameMin: 3,
  usernameMax: 32,
  displayNameMax: 50,
  passwordMax: 128,
  phoneMax: 20,
  searchMax: 50,
  pageSizeMax: 500,
} as const;
