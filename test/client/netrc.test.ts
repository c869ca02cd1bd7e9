import t from 'tap';
import { NetrcError, netrcEntry, parseNetrc } from '../../src/client/index.js';

t.test('machine entries, the default, account and macdef', async (t) => {
  const netrc = parseNetrc(`# hosts I manage
machine esx01 login root password "pa ss\\"word"
machine ESX02
  login admin
  account ignored
  password p2
macdef init
cd /pub
binary

default login guest password guest
machine esx01 login later password later
`);
  t.same(netrcEntry(netrc, 'esx01'), { login: 'root', password: 'pa ss"word' }, 'quoted tokens with escapes; the first entry wins');
  t.same(netrcEntry(netrc, 'esx02'), { login: 'admin', password: 'p2' }, 'host names ignore case; account is dropped');
  t.same(netrcEntry(netrc, 'other'), { login: 'guest', password: 'guest' }, 'the default entry for other hosts');
  t.equal(parseNetrc('machine a login b').machines.get('a')?.password, undefined, 'an entry may lack a password');
  t.equal(netrcEntry(parseNetrc(''), 'a'), undefined, 'an empty file has nothing');
  t.same(netrcEntry(parseNetrc('machine x login a\\ b password z'), 'x'), { login: 'a b', password: 'z' }, 'a backslash escapes a space');
});

t.test('syntax errors name the file and line', async (t) => {
  const cases: [string, RegExp][] = [
    ['machine a\nlogin', /f:2: 'login' needs a value/],
    ['login x', /f:1: 'login' before any 'machine' or 'default'/],
    ['machine a\n\nfoo bar', /f:3: unexpected 'foo'/],
    ['machine a password "open\n', /f:1: unterminated quoted token/],
    ['macdef m\nline\n\nmachine', /f:4: 'machine' needs a value/],
  ];
  for (const [text, message] of cases) t.throws(() => parseNetrc(text, 'f'), message, JSON.stringify(text));
  const err = t.throws(() => parseNetrc('machine')) as NetrcError;
  t.equal(err.line, 1);
  t.match(err.message, /^netrc:1:/);
});
