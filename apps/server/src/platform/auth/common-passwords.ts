// A short list of the passwords seen most often in public leaks and on Chinese sites, lower case.
// A password is refused when its lower-case form is here (policy: "not in a list of common passwords").
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456', '123456789', '12345678', 'password', 'qwerty123', 'qwerty', '1q2w3e4r', '1qaz2wsx', '111111',
  '123123', 'abc123', 'password1', '1234567890', '000000', 'iloveyou', '1234567', '123321', '654321',
  '666666', '888888', '987654321', 'woaini1314', 'woaini', '5201314', '520520', '1314520', 'a123456',
  'a12345678', 'aa123456', 'aa12345678', 'abc12345', 'abcd1234', 'abcd@1234', 'admin', 'admin123',
  'admin@123', 'admin1234', 'administrator', 'root', 'root123', 'root@123', 'passw0rd', 'p@ssw0rd',
  'p@ssword', 'password123', 'password@123', 'pass@123', 'pass1234', 'qwe123', 'qwe123456', 'qweasd',
  'qweasdzxc', 'qwer1234', 'qwerty1', 'asd123', 'asdf1234', 'asdfghjkl', 'zxcvbnm', 'zxcv1234', '1q2w3e',
  '1q2w3e4r5t', 'q1w2e3r4', 'q1w2e3r4t5', 'zaq12wsx', '1qazxsw2', '!qaz2wsx', '1qaz@wsx', 'qaz123',
  'welcome', 'welcome1', 'welcome123', 'letmein', 'monkey', 'dragon', 'sunshine', 'princess', 'football',
  'baseball', 'master', 'shadow', 'superman', 'trustno1', 'starwars', 'whatever', 'test123', 'test1234',
  'testtest', 'changeme', 'changeme123', 'default', 'guest', 'user123', 'user1234', 'temp123', 'huawei123',
  'huawei@123', 'xiaomi123', 'baidu123', 'taobao123', 'wangyi123', 'qq123456', 'qq123456789', 'woaini123',
  'woaini520', 'aini1314', 'love1314', 'iloveyou1', 'china123', 'china@123', 'zhongguo', 'zhongguo123',
  'beijing', 'beijing123', 'shanghai', '11111111', '22222222', '88888888', '99999999', '00000000',
  '12341234', '11223344', '147258369', '147258', '258369', '159753', '159357', '123qwe', '123qweasd',
  '123abc', '123456a', '123456aa', '123456abc', 'a1234567', 'a1b2c3d4', 'abc123456', 'abcdef', 'abcdefg',
  'abcdefgh', 'aaa111', 'aaaaaa', 'aaaaaaaa', 'aa123456789', 'aa@123456', 'abc@1234', 'abc@123456',
  'admin@1234', 'p@ssword1', 'p@ssw0rd1', 'password1!', 'qwer@1234', 'qwerty@123', 'zxcvbnm123',
  'dangjian123', 'dangjian@123', 'jiceng123', 'jiceng@123', 'zuzhibu123', 'zuzhibu@123',
]);
