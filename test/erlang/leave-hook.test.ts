/**
 * lib/erlang/leave-hook.ts: LeaveHook (its defaults, the problems of its own values, its
 * command per release kind) and the grace period check, each with its whole message.
 */
import { Duration } from 'cdk8s';
import { checkGraceCoversLeave, LeaveHook } from '../../lib/erlang/leave-hook';
import { ErlangRelease } from '../../lib/erlang/release';
import { thrownConfigError } from '../helpers';

const COMMAND = 'needs a non-empty command of non-empty strings';
const TIMEOUT = 'needs a timeout of whole seconds, at least 1, as a cdk8s Duration';
const STOP = 'needs a stopTime of whole seconds, as a cdk8s Duration';

/** The message checkGraceCoversLeave throws for `hook` and `grace` seconds, or 'ok'. */
const graceMessage = (hook: LeaveHook | undefined, grace: number): string => thrownConfigError(() => checkGraceCoversLeave('w', hook, grace))?.message ?? 'ok';

describe('LeaveHook', () => {
  test('the defaults: a 20 s timeout, 10 s for the VM to stop, so a grace period of 30 s', () => {
    const hook = LeaveHook.command(['bin/app', 'stop']);
    expect([hook._timeoutSeconds, hook._stopSeconds, hook._graceSeconds, String(hook), hook._problems()]).toEqual([20, 10, 30, 'bin/app stop', []]);
    expect(hook._commandFor(ErlangRelease.relx())).toEqual(['timeout', '20', 'bin/app', 'stop']);
    expect(LeaveHook.isLeaveHook(hook)).toBe(true);
    expect(LeaveHook.isLeaveHook({ timeoutSeconds: 20, stopSeconds: 10 })).toBe(false);
  });

  test('the command is copied: changing the array afterwards changes nothing', () => {
    const argv = ['bin/app', 'stop'];
    const hook = LeaveHook.command(argv);
    argv.push('now');
    expect(hook._commandFor(ErlangRelease.mix())).toEqual(['timeout', '20', 'bin/app', 'stop']);
  });

  test('a timeout of 1 s and a stop time of 0 are the least allowed', () => {
    const hook = LeaveHook.releaseCommand('bin/app', 'App.leave()', { timeout: Duration.seconds(1), stopTime: Duration.seconds(0) });
    expect([hook._timeoutSeconds, hook._stopSeconds, hook._graceSeconds, String(hook), hook._problems()]).toEqual([1, 0, 1, 'bin/app App.leave()', []]);
  });

  test.each([
    ['an empty command', LeaveHook.command([]), [COMMAND]],
    ['an empty word in the command', LeaveHook.command(['bin/app', '']), [COMMAND]],
    ['a word that is no string (JavaScript)', LeaveHook.command(['bin/app', 7 as never]), [COMMAND]],
    ['an empty script', LeaveHook.releaseCommand('', 'App.leave()'), [COMMAND]],
    ['an empty expression', LeaveHook.releaseCommand('bin/app', ''), ['needs a non-empty expression']],
    ['a timeout of 0', LeaveHook.command(['bin/app', 'stop'], { timeout: Duration.seconds(0) }), [TIMEOUT]],
    ['a timeout of 1.5 s', LeaveHook.command(['bin/app', 'stop'], { timeout: Duration.millis(1500) }), [TIMEOUT]],
    ['a stop time of 1.5 s', LeaveHook.command(['bin/app', 'stop'], { stopTime: Duration.millis(1500) }), [STOP]],
    ['a stop time in seconds (JavaScript)', LeaveHook.command(['bin/app', 'stop'], { stopTime: 10 as never }), [STOP]],
    ['a negative stop time from a Duration-like object', LeaveHook.command(['bin/app', 'stop'], { stopTime: { toSeconds: () => -5 } as never }), [STOP]],
    ['every value wrong', LeaveHook.command([], { timeout: Duration.seconds(0), stopTime: Duration.millis(1) }), [COMMAND, TIMEOUT, STOP]],
  ])('%s is a problem of the hook', (_, hook, problems) => {
    expect(hook._problems()).toEqual(problems);
  });
});

describe('checkGraceCoversLeave', () => {
  const hook = LeaveHook.releaseCommand('bin/app', 'App.leave()', { timeout: Duration.seconds(15), stopTime: Duration.seconds(5) });

  test('no hook needs no grace; a grace period of the timeout plus the stop time is enough, one second less is not', () => {
    expect(graceMessage(undefined, 0)).toBe('ok');
    expect(graceMessage(hook, 20)).toBe('ok');
    expect(graceMessage(hook, 19)).toBe(
      "w: invalid terminationGracePeriod 19: must cover the leave hook's timeout (15 s) and the VM's stop (5 s): at least 20, or a shorter hook timeout",
    );
  });

  test("the hook's own problems come first, all of them, naming the hook by its command", () => {
    expect(graceMessage(LeaveHook.command(['bin/app', ''], { timeout: Duration.seconds(0) }), 0)).toBe(
      `w: invalid leaveHook "bin/app ": ${COMMAND}; ${TIMEOUT}`,
    );
  });
});

test('toString: the command and the expression, as one line', () => {
  expect(LeaveHook.releaseCommand('bin/app', 'App.leave()').toString()).toBe('bin/app App.leave()');
  expect(LeaveHook.command(['bin/app', 'stop']).toString()).toBe('bin/app stop');
});
