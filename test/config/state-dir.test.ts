import t from 'tap';
import { defaultStateDir, SYSTEM_STATE_DIR } from '../../src/config/index.js';

t.test('system folder when writable, or its parent before first start', async (t) => {
  t.equal(defaultStateDir({}, (d) => d === SYSTEM_STATE_DIR), SYSTEM_STATE_DIR);
  t.equal(defaultStateDir({}, (d) => d === '/var/lib'), SYSTEM_STATE_DIR);
});

t.test('else XDG_STATE_HOME, else ~/.local/state', async (t) => {
  const no = (): boolean => false;
  t.equal(defaultStateDir({ XDG_STATE_HOME: '/x/state', HOME: '/home/u' }, no), '/x/state/thincim');
  t.equal(defaultStateDir({ XDG_STATE_HOME: 'relative', HOME: '/home/u' }, no), '/home/u/.local/state/thincim', 'a relative XDG path is ignored (XDG spec)');
  t.equal(defaultStateDir({ HOME: '/home/u' }, no), '/home/u/.local/state/thincim');
});
