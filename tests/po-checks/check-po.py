#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check Feuillet's translations: po/POTFILES.in, and the catalogues that must be complete.

  check-po.py potfiles --source-root DIR
      Every file under src/ and data/ with translatable strings is listed in po/POTFILES.in
      (C: _(" N_(" C_(" NC_(" ngettext…; GtkBuilder: translatable="yes"; and the desktop entry,
      AppStream metainfo and GSettings schemas, whose strings are translatable by nature); every
      listed file exists; the list is sorted and has no duplicates.

  check-po.py translations --source-root DIR [--complete LANG]... [--xgettext X] [--msgfmt M]
      Every language of po/LINGUAS has a .po that passes 'msgfmt --check'. Each --complete
      language has no untranslated or fuzzy message and is current: it holds every msgid of a
      template extracted now from the sources, with the keywords of meson's 'glib' preset
      (the template in po/ may be stale; this one is made in a temporary folder).

  check-po.py self-test [--xgettext X] [--msgfmt M]
      Both checks pass on a small good tree and fail on copies of it broken in each way they
      look for.

To bring po/ up to date after the sources changed, see po/README.md.
"""

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile

# meson's i18n 'glib' preset (mesonbuild/modules/i18n.py), plus what meson itself adds (-k_).
GLIB_PRESET_ARGS = [
    '--from-code=UTF-8',
    '--add-comments',
    '-k_',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

SCANNED_DIRS = ('src', 'data')

# A gettext macro (_ N_ C_ NC_, also Blueprint's _) on a string, a gettext function, or a
# GtkBuilder translatable property. The lookbehind keeps my_("…") from counting.
TRANSLATABLE = re.compile(
    r'(?<![A-Za-z0-9_])(?:N|C|NC)?_\(\s*"'
    r'|(?<![A-Za-z0-9_])(?:g_dngettext|g_dcgettext|g_dpgettext2?|d?c?n?gettext)\s*\('
    r'|translatable\s*=\s*["\'](?i:yes|true|1)["\']'
)

# Files whose strings are translatable by their type: no marker in them says so.
TRANSLATABLE_BY_TYPE = re.compile(
    r'\.desktop\.in$|\.metainfo\.xml\.in$|\.appdata\.xml\.in$|\.gschema\.xml$'
)

# Not sources: nothing in them is extracted.
SKIPPED_NAMES = {'meson.build', 'meson.options', 'meson_options.txt'}


def say(message):
    print(message, file=sys.stderr)


def gettext_env():
    env = dict(os.environ)
    env.pop('LANGUAGE', None)
    env['LC_ALL'] = 'C.UTF-8'
    return env


# --- POTFILES.in ---------------------------------------------------------------------------

def read_potfiles(path):
    entries = []
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append((number, line))
    return entries


def files_with_translatable_strings(source_root):
    found = []
    for top in SCANNED_DIRS:
        for folder, dirs, files in os.walk(os.path.join(source_root, top)):
            dirs[:] = sorted(d for d in dirs if not d.startswith('.'))
            for name in sorted(files):
                if name in SKIPPED_NAMES or name.startswith('.'):
                    continue
                path = os.path.join(folder, name)
                relative = os.path.relpath(path, source_root).replace(os.sep, '/')
                if TRANSLATABLE_BY_TYPE.search(name):
                    found.append(relative)
                    continue
                try:
                    with open(path, encoding='utf-8') as f:
                        text = f.read()
                except (UnicodeDecodeError, OSError):
                    continue  # icons and other binary files
                if TRANSLATABLE.search(text):
                    found.append(relative)
    return found


def check_potfiles(source_root):
    potfiles = os.path.join(source_root, 'po', 'POTFILES.in')
    if not os.path.isfile(potfiles):
        say(f'FAIL: {potfiles} does not exist')
        return 1

    failures = 0
    entries = read_potfiles(potfiles)
    listed = [name for _, name in entries]

    for number, name in entries:
        if not os.path.isfile(os.path.join(source_root, name)):
            say(f'FAIL: po/POTFILES.in:{number}: {name} does not exist')
            failures += 1

    seen = set()
    for number, name in entries:
        if name in seen:
            say(f'FAIL: po/POTFILES.in:{number}: {name} is listed twice')
            failures += 1
        seen.add(name)

    if listed != sorted(listed):
        for (number, name), expected in zip(entries, sorted(listed)):
            if name != expected:
                say(f'FAIL: po/POTFILES.in:{number}: not sorted: {name} where {expected} belongs '
                    '(sort it with: LC_ALL=C sort)')
                break
        failures += 1

    for name in files_with_translatable_strings(source_root):
        if name not in seen:
            say(f'FAIL: {name} has translatable strings but is not in po/POTFILES.in')
            failures += 1

    if failures == 0:
        print(f'po/POTFILES.in: {len(listed)} files, complete and sorted')
    return 1 if failures else 0


# --- PO files ------------------------------------------------------------------------------

def unescape(text):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), text)


def read_po(path):
    """Returns the live (not obsolete) entries: dicts with ctxt, id, strs, fuzzy, line."""
    entries = []
    entry = None
    field = None

    def finish():
        if entry is not None and 'id' in entry and not entry['obsolete']:
            entries.append(entry)

    with open(path, encoding='utf-8') as f:
        for number, raw in enumerate(f, 1):
            line = raw.strip()
            obsolete = line.startswith('#~')
            if obsolete:
                line = line[2:].strip()
                if line.startswith('|'):
                    line = '#' + line  # the previous msgid of an obsolete entry: a comment
            if not line:
                continue
            if line.startswith('#'):
                if entry is not None and 'id' in entry:
                    finish()
                    entry = None
                if entry is None:
                    entry = {'ctxt': None, 'strs': [], 'fuzzy': False, 'obsolete': False,
                             'line': number}
                if line.startswith('#,') and 'fuzzy' in line[2:].replace(',', ' ').split():
                    entry['fuzzy'] = True
                continue
            match = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
            if match:
                keyword, value = match.groups()
                if keyword in ('msgctxt', 'msgid') and entry is not None and 'id' in entry:
                    if not (keyword == 'msgid' and field == 'ctxt'):
                        finish()
                        entry = None
                if entry is None:
                    entry = {'ctxt': None, 'strs': [], 'fuzzy': False, 'obsolete': False,
                             'line': number}
                entry['obsolete'] = entry['obsolete'] or obsolete
                if keyword == 'msgctxt':
                    entry['ctxt'] = unescape(value)
                    field = 'ctxt'
                elif keyword == 'msgid':
                    entry['id'] = unescape(value)
                    field = 'id'
                elif keyword == 'msgid_plural':
                    entry['plural'] = unescape(value)
                    field = 'plural'
                else:
                    entry['strs'].append(unescape(value))
                    field = 'strs'
                continue
            match = re.match(r'"(.*)"$', line)
            if match and entry is not None and field is not None:
                value = unescape(match.group(1))
                if field == 'strs':
                    entry['strs'][-1] += value
                else:
                    entry[field] = (entry.get(field) or '') + value
                continue
            raise ValueError(f'{path}:{number}: cannot read this line: {raw.rstrip()}')
    finish()
    return entries


def describe(entry):
    text = entry['id'] if len(entry['id']) <= 70 else entry['id'][:67] + '…'
    context = f' (context “{entry["ctxt"]}”)' if entry['ctxt'] else ''
    return f'“{text}”{context}'.replace('\n', '\\n')


def make_template(source_root, xgettext, out_dir):
    template = os.path.join(out_dir, 'template.pot')
    result = subprocess.run(
        [xgettext, '--package-name=feuillet', '-f', os.path.join(source_root, 'po', 'POTFILES.in'),
         '-D', source_root, '-o', template] + GLIB_PRESET_ARGS,
        env=gettext_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        check=False)
    if result.returncode != 0:
        say(result.stdout)
        raise RuntimeError(f'{xgettext} failed with status {result.returncode}')
    if result.stdout.strip():
        say(result.stdout.rstrip())
    return template


def read_linguas(po_dir):
    languages = []
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0]
            languages += line.split()
    return languages


def check_po_file(path, msgfmt, language, complete, template_entries):
    failures = 0
    result = subprocess.run([msgfmt, '--check', '--statistics', '-o', os.devnull, path],
                            env=gettext_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, check=False)
    print(f'{language}.po: {result.stdout.strip()}')
    if result.returncode != 0:
        say(f'FAIL: po/{language}.po does not pass msgfmt --check')
        failures += 1

    try:
        entries = read_po(path)
    except ValueError as error:
        say(f'FAIL: {error}')
        return failures + 1

    header = next((e for e in entries if e['id'] == '' and e['ctxt'] is None), None)
    if header is None or not header['strs']:
        say(f'FAIL: po/{language}.po has no header')
        failures += 1
    elif not re.search(rf'^Language: {re.escape(language)}$', header['strs'][0], re.M):
        say(f'FAIL: po/{language}.po: the header does not say “Language: {language}”')
        failures += 1

    if not complete:
        return failures

    for entry in entries:
        if entry['id'] == '' and entry['ctxt'] is None:
            continue
        if entry['fuzzy']:
            say(f'FAIL: po/{language}.po:{entry["line"]}: fuzzy: {describe(entry)}')
            failures += 1
        elif not entry['strs'] or any(s == '' for s in entry['strs']):
            say(f'FAIL: po/{language}.po:{entry["line"]}: untranslated: {describe(entry)}')
            failures += 1

    translated = {(e['ctxt'], e['id']) for e in entries}
    for entry in template_entries:
        if entry['id'] == '' and entry['ctxt'] is None:
            continue
        if (entry['ctxt'], entry['id']) not in translated:
            say(f'FAIL: po/{language}.po is stale: it lacks {describe(entry)}, '
                'found in the sources now (refresh it as po/README.md says)')
            failures += 1
    return failures


def check_translations(source_root, complete, xgettext, msgfmt):
    po_dir = os.path.join(source_root, 'po')
    failures = 0
    try:
        languages = read_linguas(po_dir)
    except OSError as error:
        say(f'FAIL: cannot read po/LINGUAS: {error}')
        return 1

    for language in complete:
        if language not in languages:
            say(f'FAIL: {language} must be complete but is not in po/LINGUAS')
            failures += 1
    for name in sorted(os.listdir(po_dir)):
        if name.endswith('.po') and name[:-3] not in languages:
            say(f'FAIL: po/{name} exists but {name[:-3]} is not in po/LINGUAS')
            failures += 1

    template_entries = []
    if complete:
        with tempfile.TemporaryDirectory(prefix='feuillet-po-') as tmp:
            template_entries = read_po(make_template(source_root, xgettext, tmp))

    for language in languages:
        path = os.path.join(po_dir, f'{language}.po')
        if not os.path.isfile(path):
            say(f'FAIL: po/LINGUAS names {language} but po/{language}.po does not exist')
            failures += 1
            continue
        failures += check_po_file(path, msgfmt, language, language in complete, template_entries)

    if failures == 0:
        print(f'po/: {", ".join(languages)} pass msgfmt --check; '
              f'complete and current: {", ".join(complete) or "none required"} '
              f'({len(template_entries) - 1 if template_entries else 0} messages in the sources)')
    return 1 if failures else 0


# --- Self-test -----------------------------------------------------------------------------

GOOD_TREE = {
    'src/core/a.c': '#include <glib/gi18n-lib.h>\n'
                    'const char *f (void) { return C_("status", "Draft"); }\n'
                    'const char *g (int n) { return g_strdup_printf (_("%d signes"), n); }\n',
    'src/ui/b.ui': '<?xml version="1.0" encoding="UTF-8"?>\n<interface>\n'
                   '  <object class="GtkLabel">\n'
                   '    <property name="label" translatable="yes">Articles</property>\n'
                   '  </object>\n</interface>\n',
    'src/ui/no-strings.c': 'int main (void) { return 0; }\n',
    'data/x.desktop.in': '[Desktop Entry]\nName=Feuillet\nType=Application\nExec=feuillet\n',
    'po/LINGUAS': 'fr\n',
    'po/POTFILES.in': 'data/x.desktop.in\nsrc/core/a.c\nsrc/ui/b.ui\n',
    'po/fr.po': 'msgid ""\nmsgstr ""\n"Project-Id-Version: feuillet\\n"\n'
                '"PO-Revision-Date: 2026-11-27 00:00+0000\\n"\n'
                '"Last-Translator: The Feuillet developers\\n"\n"Language-Team: French\\n"\n'
                '"Language: fr\\n"\n"MIME-Version: 1.0\\n"\n'
                '"Content-Type: text/plain; charset=UTF-8\\n"\n'
                '"Content-Transfer-Encoding: 8bit\\n"\n'
                '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
                'msgid "Feuillet"\nmsgstr "Feuillet"\n\n'
                'msgctxt "status"\nmsgid "Draft"\nmsgstr "Brouillon"\n\n'
                '#, c-format\nmsgid "%d signes"\nmsgstr "%d signes"\n\n'
                'msgid "Articles"\nmsgstr "Articles"\n\n'
                '#~ msgid "Gone"\n#~ msgstr ""\n',
}


def edit(path, old, new):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    assert old in text, (path, old)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text.replace(old, new, 1))


def append(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'a', encoding='utf-8') as f:
        f.write(text)


BREAKAGES = [
    ('potfiles', 'a .c file with _() missing from POTFILES.in', 'src/ui/c.c has translatable strings',
     lambda t: append(f'{t}/src/ui/c.c', 'const char *h (void) { return _("New"); }\n')),
    ('potfiles', 'a .ui file with translatable="yes" missing', 'src/ui/b.ui has translatable strings',
     lambda t: edit(f'{t}/po/POTFILES.in', 'src/ui/b.ui\n', '')),
    ('potfiles', 'a header with N_() missing', 'src/core/a.h has translatable strings',
     lambda t: append(f'{t}/src/core/a.h', 'static const char *s = N_("Idea");\n')),
    ('potfiles', 'a file using ngettext missing', 'src/cli/n.c has translatable strings',
     lambda t: append(f'{t}/src/cli/n.c', 'const char *p (int n) { return ngettext ("a", "b", n); }\n')),
    ('potfiles', 'the desktop entry missing', 'data/x.desktop.in has translatable strings',
     lambda t: edit(f'{t}/po/POTFILES.in', 'data/x.desktop.in\n', '')),
    ('potfiles', 'a GSettings schema missing', 'data/y.gschema.xml has translatable strings',
     lambda t: append(f'{t}/data/y.gschema.xml', '<schemalist/>\n')),
    ('potfiles', 'a listed file that does not exist', 'src/ui/gone.c does not exist',
     lambda t: edit(f'{t}/po/POTFILES.in', 'src/ui/b.ui\n', 'src/ui/b.ui\nsrc/ui/gone.c\n')),
    ('potfiles', 'POTFILES.in not sorted', 'not sorted',
     lambda t: edit(f'{t}/po/POTFILES.in', 'data/x.desktop.in\nsrc/core/a.c\n',
                    'src/core/a.c\ndata/x.desktop.in\n')),
    ('potfiles', 'a file listed twice', 'listed twice',
     lambda t: edit(f'{t}/po/POTFILES.in', 'src/core/a.c\n', 'src/core/a.c\nsrc/core/a.c\n')),
    ('translations', 'an untranslated message', 'untranslated: “Draft” (context “status”)',
     lambda t: edit(f'{t}/po/fr.po', 'msgstr "Brouillon"', 'msgstr ""')),
    ('translations', 'a fuzzy message', 'fuzzy: “Articles”',
     lambda t: edit(f'{t}/po/fr.po', 'msgid "Articles"', '#, fuzzy\nmsgid "Articles"')),
    ('translations', 'a format directive changed (msgfmt --check)', 'does not pass msgfmt --check',
     lambda t: edit(f'{t}/po/fr.po', 'msgstr "%d signes"', 'msgstr "%s signes"')),
    ('translations', 'a stale catalogue: a new string in the sources', 'lacks “Kicker”',
     lambda t: edit(f'{t}/src/core/a.c', '"Draft"', '"Draft"); }\nconst char *k (void) { return _("Kicker"')),
    ('translations', 'a stale catalogue: a string changed in a .ui file', 'lacks “Library”',
     lambda t: edit(f'{t}/src/ui/b.ui', '>Articles<', '>Library<')),
    ('translations', 'a stale catalogue: a context changed', 'lacks “Draft” (context “state”)',
     lambda t: edit(f'{t}/src/core/a.c', 'C_("status"', 'C_("state"')),
    ('translations', 'a language in LINGUAS without its .po', 'po/de.po does not exist',
     lambda t: append(f'{t}/po/LINGUAS', 'de\n')),
    ('translations', 'the header names another language', 'does not say “Language: fr”',
     lambda t: edit(f'{t}/po/fr.po', 'Language: fr', 'Language: de')),
]


def run_check(check, tree, xgettext, msgfmt, quiet):
    """Runs one check on a tree; returns its status and what it printed (when quiet)."""
    saved = sys.stdout, sys.stderr
    output = io.StringIO()
    if quiet:
        sys.stdout = sys.stderr = output
    try:
        if check == 'potfiles':
            status = check_potfiles(tree)
        else:
            status = check_translations(tree, ['fr'], xgettext, msgfmt)
    finally:
        sys.stdout, sys.stderr = saved
    return status, output.getvalue()


def self_test(xgettext, msgfmt):
    failures = 0
    with tempfile.TemporaryDirectory(prefix='feuillet-po-self-test-') as tmp:
        good = os.path.join(tmp, 'good')
        for name, text in GOOD_TREE.items():
            os.makedirs(os.path.dirname(os.path.join(good, name)), exist_ok=True)
            with open(os.path.join(good, name), 'w', encoding='utf-8') as f:
                f.write(text)
        for check in ('potfiles', 'translations'):
            if run_check(check, good, xgettext, msgfmt, quiet=False)[0] != 0:
                say(f'FAIL: the good tree fails the {check} check')
                failures += 1
        for number, (check, what, expected, breakage) in enumerate(BREAKAGES):
            tree = os.path.join(tmp, f'broken-{number}')
            shutil.copytree(good, tree)
            breakage(tree)
            status, output = run_check(check, tree, xgettext, msgfmt, quiet=True)
            if status == 0:
                say(f'FAIL: the {check} check passes with {what}')
                failures += 1
            elif expected not in output:
                say(f'FAIL: the {check} check fails with {what}, but does not say “{expected}”:')
                say(output.rstrip())
                failures += 1
            else:
                print(f'ok: the {check} check fails with {what}')
            shutil.rmtree(tree)
    print(f'{len(BREAKAGES) + 2 - failures} passed, {failures} failed')
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('command', choices=['potfiles', 'translations', 'self-test'])
    parser.add_argument('--source-root', default=os.path.join(os.path.dirname(__file__), '..', '..'))
    parser.add_argument('--complete', action='append', default=[], metavar='LANG',
                        help='a language that must be fully translated and current')
    parser.add_argument('--xgettext', default='xgettext')
    parser.add_argument('--msgfmt', default='msgfmt')
    args = parser.parse_args()
    source_root = os.path.abspath(args.source_root)

    if args.command == 'potfiles':
        return check_potfiles(source_root)
    if args.command == 'translations':
        return check_translations(source_root, args.complete, args.xgettext, args.msgfmt)
    return self_test(args.xgettext, args.msgfmt)


if __name__ == '__main__':
    sys.exit(main())
