#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check Feuillet's Flatpak manifest against the rules the project keeps.

  check-flatpak-manifest.py MANIFEST --app-id ID [--command CMD] [--min-runtime N]
  check-flatpak-manifest.py MANIFEST --app-id ID --self-test

The rules: the manifest is strict JSON; its id (or app-id) is the application id; it runs on
org.gnome.Platform / org.gnome.Sdk at version N or newer; the command is the one installed;
finish-args grant nothing broad (no host or home file system, no whole session or system bus,
no X11 without fallback, no --device=all); every source fetched from the network is pinned:
archive, file and extra-data sources by a sha256 of 64 hex digits, git sources by a full
40-hex commit; and some module builds Feuillet itself with meson from the checkout.

Modules given as file names ("shared-modules/foo.json") are loaded and checked the same way.
--self-test breaks a copy of the manifest in one way per rule and fails unless every broken copy
is refused, so the checker cannot silently turn into a check that passes everything.
"""

import argparse
import copy
import json
import os
import re
import sys

SHA256 = re.compile(r'^[0-9a-f]{64}$')
COMMIT = re.compile(r'^[0-9a-f]{40}$')
RUNTIME = 'org.gnome.Platform'
SDK = 'org.gnome.Sdk'

# Permissions a writing app has no use for: the library is in the app's own data folder, files
# come and go through the document portal, the keyring through the Secret portal.
FORBIDDEN_FINISH_ARGS = {
    '--filesystem=host': 'the whole host file system',
    '--filesystem=host-os': 'the host operating system',
    '--filesystem=host-etc': 'the host /etc',
    '--filesystem=home': 'the whole home folder',
    '--socket=x11': 'X11 even on Wayland (use --socket=fallback-x11)',
    '--socket=session-bus': 'the whole session bus',
    '--socket=system-bus': 'the whole system bus',
    '--device=all': 'every device',
    '--talk-name=org.freedesktop.Flatpak': 'escaping the sandbox',
}


class Checker:
    def __init__(self, app_id, command, min_runtime):
        self.app_id = app_id
        self.command = command
        self.min_runtime = min_runtime
        self.errors = []

    def error(self, where, message):
        self.errors.append(f'{where}: {message}')

    def check_manifest(self, manifest, where, base_dir):
        if not isinstance(manifest, dict):
            self.error(where, 'the manifest is not a JSON object')
            return

        app_id = manifest.get('id', manifest.get('app-id'))
        if app_id != self.app_id:
            self.error(where, f'id is {app_id!r}, expected {self.app_id!r}')

        if manifest.get('runtime') != RUNTIME:
            self.error(where, f'runtime is {manifest.get("runtime")!r}, expected {RUNTIME!r}')
        if manifest.get('sdk') != SDK:
            self.error(where, f'sdk is {manifest.get("sdk")!r}, expected {SDK!r}')
        version = manifest.get('runtime-version')
        if not isinstance(version, str) or not re.fullmatch(r'\d+(\.\d+)?', version):
            self.error(where, f'runtime-version {version!r} is not a GNOME release number '
                              '(a string such as "48")')
        elif float(version) < self.min_runtime:
            self.error(where, f'runtime-version {version} is older than {self.min_runtime}')

        if self.command is not None and manifest.get('command') != self.command:
            self.error(where, f'command is {manifest.get("command")!r}, expected {self.command!r}')

        finish_args = manifest.get('finish-args', [])
        if not isinstance(finish_args, list):
            self.error(where, 'finish-args is not a list')
            finish_args = []
        for arg in finish_args:
            reason = FORBIDDEN_FINISH_ARGS.get(arg)
            if reason is None and isinstance(arg, str) and arg.startswith('--filesystem='):
                reason = FORBIDDEN_FINISH_ARGS.get(arg.split(':')[0])
            if reason is not None:
                self.error(where, f'finish-args: {arg} grants {reason}')

        modules = manifest.get('modules')
        if not isinstance(modules, list) or not modules:
            self.error(where, 'there are no modules')
            return
        names = []
        self.check_modules(modules, where, base_dir, names)

        app_modules = [m for m in names if m[0] == 'feuillet']
        if not app_modules:
            self.error(where, 'no module named "feuillet" builds the application')
        elif app_modules[-1][1] != 'meson':
            self.error(where, 'the "feuillet" module does not use the meson buildsystem')

    def check_modules(self, modules, where, base_dir, names):
        for index, module in enumerate(modules):
            if isinstance(module, str):
                path = os.path.join(base_dir, module)
                sub = self.load(path)
                if sub is not None:
                    self.check_module(sub, path, os.path.dirname(path), names)
            else:
                self.check_module(module, f'{where}: modules[{index}]', base_dir, names)

    def check_module(self, module, where, base_dir, names):
        if not isinstance(module, dict):
            self.error(where, 'the module is not a JSON object')
            return
        name = module.get('name')
        if not isinstance(name, str) or not name:
            self.error(where, 'the module has no name')
        else:
            where = f'{where} ({name})'
        names.append((name, module.get('buildsystem', 'autotools')))

        sources = module.get('sources', [])
        if not isinstance(sources, list):
            self.error(where, 'sources is not a list')
            sources = []
        for index, source in enumerate(sources):
            if isinstance(source, str):
                # A JSON file of sources beside the manifest, kept in the repository.
                path = os.path.join(base_dir, source)
                loaded = self.load(path)
                if loaded is not None:
                    for item in loaded if isinstance(loaded, list) else [loaded]:
                        self.check_source(item, f'{path}')
            else:
                self.check_source(source, f'{where}: sources[{index}]')

        self.check_modules(module.get('modules', []), where, base_dir, names)

    def check_source(self, source, where):
        if not isinstance(source, dict):
            self.error(where, 'the source is not a JSON object')
            return
        kind = source.get('type')
        if kind in ('archive', 'file', 'extra-data'):
            # Local files (a "path" inside the checkout) are pinned by git itself.
            if 'url' in source or kind == 'extra-data':
                sha256 = source.get('sha256')
                if not isinstance(sha256, str) or not SHA256.match(sha256):
                    self.error(where, f'{kind} source {source.get("url")!r} has no sha256 of '
                                      f'64 lowercase hex digits (got {sha256!r})')
            elif 'path' not in source:
                self.error(where, f'{kind} source has neither url nor path')
        elif kind == 'git':
            commit = source.get('commit')
            if not isinstance(commit, str) or not COMMIT.match(commit):
                self.error(where, f'git source {source.get("url")!r} is not pinned to a full '
                                  f'40-hex commit (got {commit!r})')
        elif kind in ('bzr', 'svn'):
            self.error(where, f'{kind} sources cannot be pinned by a checksum; use an archive')
        elif kind not in ('dir', 'patch', 'script', 'shell', 'inline'):
            self.error(where, f'unknown source type {kind!r}')

    def load(self, path):
        try:
            with open(path, encoding='utf-8') as f:
                return json.load(f)
        except OSError as e:
            self.error(path, f'cannot be read: {e.strerror}')
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            self.error(path, f'is not valid JSON: {e}')
        return None


def check(manifest_path, args):
    checker = Checker(args.app_id, args.command, args.min_runtime)
    manifest = checker.load(manifest_path)
    if manifest is not None:
        checker.check_manifest(manifest, manifest_path, os.path.dirname(manifest_path))
    return checker.errors


def first_source(manifest, kind):
    for module in manifest['modules']:
        if isinstance(module, dict):
            for source in module.get('sources', []):
                if isinstance(source, dict) and source.get('type') == kind:
                    return module, source
    raise SystemExit(f'self-test: the manifest has no {kind} source to break')


def self_test(manifest_path, args):
    """Break the manifest in one way per rule; each broken copy must be refused."""
    import tempfile

    with open(manifest_path, encoding='utf-8') as f:
        text = f.read()
    good = json.loads(text)

    def mutate(change):
        def apply():
            manifest = copy.deepcopy(good)
            change(manifest)
            return json.dumps(manifest, indent=4)
        return apply

    def drop_key(key):
        return lambda m: m.pop(key, None)

    def set_key(key, value):
        return lambda m: m.__setitem__(key, value)

    def break_archive(change):
        def apply(m):
            change(first_source(m, 'archive')[1])
        return apply

    def add_git(source):
        def apply(m):
            m['modules'].insert(0, {'name': 'extra', 'sources': [source]})
        return apply

    def rename_app_module(m):
        for module in m['modules']:
            if isinstance(module, dict) and module.get('name') == 'feuillet':
                module['name'] = 'something-else'

    cases = {
        'not JSON (a // comment)': lambda: text.replace('{', '{\n    // why\n', 1),
        'not JSON (trailing comma)': lambda: text.rstrip().rstrip('}').rstrip() + ',\n}\n',
        'wrong app id': mutate(lambda m: (m.pop('app-id', None),
                                          m.__setitem__('id', 'org.example.Other'))),
        'no app id': mutate(lambda m: (m.pop('app-id', None), m.pop('id', None))),
        'freedesktop runtime': mutate(set_key('runtime', 'org.freedesktop.Platform')),
        'runtime 47': mutate(set_key('runtime-version', '47')),
        'runtime "master"': mutate(set_key('runtime-version', 'master')),
        'runtime version as a number': mutate(set_key('runtime-version', 48)),
        'KDE sdk': mutate(set_key('sdk', 'org.kde.Sdk')),
        'wrong command': mutate(set_key('command', 'feuillet-cli')),
        'home file system': mutate(lambda m: m['finish-args'].append('--filesystem=home')),
        'host file system read-only':
            mutate(lambda m: m['finish-args'].append('--filesystem=host:ro')),
        'x11 without fallback': mutate(lambda m: m['finish-args'].append('--socket=x11')),
        'no modules': mutate(set_key('modules', [])),
        'archive without sha256': mutate(break_archive(lambda s: s.pop('sha256'))),
        'archive with a short sha256':
            mutate(break_archive(lambda s: s.__setitem__('sha256', s['sha256'][:63]))),
        'archive with an uppercase sha256':
            mutate(break_archive(lambda s: s.__setitem__('sha256', s['sha256'].upper()))),
        'archive with md5 only':
            mutate(break_archive(lambda s: (s.pop('sha256'),
                                            s.__setitem__('md5', '0' * 32)))),
        'remote file without sha256': mutate(add_git({'type': 'file',
                                                      'url': 'https://example.org/a.txt'})),
        'git source on a tag only': mutate(add_git({'type': 'git',
                                                    'url': 'https://example.org/x.git',
                                                    'tag': 'v1.0'})),
        'git source on a branch': mutate(add_git({'type': 'git',
                                                  'url': 'https://example.org/x.git',
                                                  'branch': 'main'})),
        'git source on a short commit': mutate(add_git({'type': 'git',
                                                        'url': 'https://example.org/x.git',
                                                        'commit': 'a1b2c3d'})),
        'unknown source type': mutate(add_git({'type': 'hg', 'url': 'https://example.org/x'})),
        'no feuillet module': mutate(rename_app_module),
    }

    # And the unbroken manifest must pass, or the cases above prove nothing.
    failures = []
    errors = check(manifest_path, args)
    if errors:
        failures.append('the manifest itself is refused:\n    ' + '\n    '.join(errors))

    with tempfile.TemporaryDirectory() as tmp:
        broken_path = os.path.join(tmp, os.path.basename(manifest_path))
        for name, make in cases.items():
            with open(broken_path, 'w', encoding='utf-8') as f:
                f.write(make())
            errors = check(broken_path, args)
            if errors:
                print(f'ok: {name}: refused ({errors[0].split(": ", 1)[-1]})')
            else:
                failures.append(f'a manifest with {name} was accepted')

    for failure in failures:
        print(f'FAIL: {failure}', file=sys.stderr)
    passed = len(cases) + 1 - len(failures)
    print(f'{passed} passed, {len(failures)} failed')
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('manifest')
    parser.add_argument('--app-id', required=True)
    parser.add_argument('--command', default=None)
    parser.add_argument('--min-runtime', type=float, default=48)
    parser.add_argument('--self-test', action='store_true')
    args = parser.parse_args()

    if args.self_test:
        return self_test(args.manifest, args)

    errors = check(args.manifest, args)
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print(f'{args.manifest}: {len(errors)} problem(s)', file=sys.stderr)
        return 1
    print(f'{args.manifest}: ok')
    return 0


if __name__ == '__main__':
    sys.exit(main())
