#!/bin/sh
# walls.sh - each library of secrets and of Unicode has one home: only
# src/auth.c calls libsodium, only src/text.c calls libunistring.  A call
# anywhere else in src/ or screens/ fails, naming the file and the line.
. "$top_srcdir/tests/lib.sh"

SODIUM='crypto_[a-z]|randombytes_|sodium_|<sodium\.h>'
UNISTRING='\<(u8|u16|u32|uc|ulc)_[a-z]|<(uninorm|unistr|unicase|uniwidth|unilbrk|unictype|unigbrk|unistdio|uniconv)\.h>'

# calls PATTERN HOME: the lines of src/ and screens/ outside HOME that
# match PATTERN, comments aside.
calls() {
	(cd "$top_srcdir" && grep -nE "$1" src/*.[ch] screens/*.[ch]) |
	    grep -v "^$2:" | grep -vE ':[0-9]+:[[:space:]]*(/?\*|//)' || :
}

out=$(calls "$SODIUM" src/auth.c)
[ -z "$out" ]; ok $? "libsodium is called from src/auth.c only"
[ -z "$out" ] || diag "$out"

out=$(calls "$UNISTRING" src/text.c)
[ -z "$out" ]; ok $? "libunistring is called from src/text.c only"
[ -z "$out" ] || diag "$out"

# The patterns find what they look for.
printf 'x = randombytes_uniform(4);\n' >"$TEST_TMP/s.c"
check "a libsodium call is found" grep -qE "$SODIUM" "$TEST_TMP/s.c"
printf 'n = u8_mbtouc(&uc, p, len);\n' >"$TEST_TMP/u.c"
check "a libunistring call is found" grep -qE "$UNISTRING" "$TEST_TMP/u.c"
done_testing
