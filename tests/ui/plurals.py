#!/usr/bin/env python3
"""plurals.py POT ALLOW: list the printf-style strings of the catalogue
template POT that print a number (%d, %zu, %lld, %<PRId64>...) outside
ngettext, less those of the reviewed list ALLOW (one msgid a line, as
in the source, "#" starts a comment).  Prints them and exits 1 if any."""
import re
import sys

NUMBER = re.compile(r'%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?'
                    r'(?:hh|h|ll|l|j|z|t)?[diu]|%<PRI[diu](?:8|16|32|64)>')


def unquote(s):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(
        m.group(1), m.group(1)), s)


def entries(path):
    """(msgid, has_plural, where) for each entry of a .po/.pot file."""
    cur, key, where = {}, None, []
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('#:'):
            if 'msgid' in cur:
                yield cur['msgid'], 'msgid_plural' in cur, where
                cur, where = {}, []
            where += line[2:].split()
            continue
        m = re.match(r'(msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$', line)
        if m:
            if m.group(1) == 'msgid' and 'msgid' in cur:
                yield cur['msgid'], 'msgid_plural' in cur, where
                cur, where = {}, []
            key = m.group(1)
            cur[key] = unquote(m.group(2)[1:-1])
        elif line.startswith('"') and key is not None:
            cur[key] += unquote(line[1:-1])
        elif not line:
            key = None
    if 'msgid' in cur:
        yield cur['msgid'], 'msgid_plural' in cur, where


def main():
    allowed = set()
    for line in open(sys.argv[2], encoding='utf-8'):
        line = line.rstrip('\n')
        if line and not line.startswith('#'):
            allowed.add(unquote(line))
    bad = 0
    for msgid, plural, where in entries(sys.argv[1]):
        if not msgid or plural or msgid in allowed:
            continue
        if NUMBER.search(msgid):
            print('%s: %r prints a number outside ngettext' %
                  (' '.join(where) or '?', msgid))
            bad += 1
    sys.exit(1 if bad else 0)


main()
