/**
 * The cookie-file scenario reads `-setcookie` from a VM's command line as OTP's
 * init does: every argument after the flag up to the next flag. The judgment
 * fails on any value that is not empty, so it must see the values mix's start
 * script passes (the argv below are the shapes of real beam.smp command lines).
 */
import { setcookieValues } from '../../e2e/cookie-file';

test.each<[string, string[], string[][]]>([
  ['mix with a build-time cookie', ['beam.smp', '--', '-setcookie', 'QK2X', '-name', 'a@h', '-setcookie', '--', '-mode', 'embedded'], [['QK2X'], []]],
  ['mix with cookie: ""', ['beam.smp', '--', '-setcookie', '', '-name', 'a@h', '-setcookie', '+sbwt', 'none'], [[''], []]],
  ['the node-and-cookie form', ['beam.smp', '-setcookie', 'b@h', 'C2'], [['b@h', 'C2']]],
  ['relx under CookieDelivery.FILE', ['beam.smp', '--', '-name', 'a@h'], []],
  ['the last argument', ['beam.smp', '-setcookie'], [[]]],
])('%s', (_case, argv, values) => {
  expect(setcookieValues(argv)).toEqual(values);
});
