#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that Feuillet's data files agree with each other and with the project.

appstreamcli, desktop-file-validate and glib-compile-schemas check each file on its own; this
checks what they cannot see:

  - the metainfo's id, launchable and newest release match the application id and the
    project version (a release without its notes fails here, not on Flathub);
  - the desktop entry names the application's icon and runs the feuillet binary;
  - the GSettings schema has the application id, the path derived from it and the gettext
    domain, and every key has a summary and a description (STYLE.md);
  - the icons exist, the full-colour one on a 128×128 canvas and the symbolic one on 16×16
    drawn in #2e3436 only, so GTK can recolour it.
"""

import argparse
import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'


class Report:
    def __init__(self):
        self.failed = 0
        self.passed = 0

    def check(self, ok, message):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f'FAIL: {message}', file=sys.stderr)


def version_key(version):
    return [int(part) if part.isdigit() else part for part in re.split(r'[.~-]', version)]


def check_metainfo(report, path, app_id, version):
    root = ET.parse(path).getroot()
    report.check(root.findtext('id') == app_id,
                 f'{path}: <id> is {root.findtext("id")!r}, expected {app_id!r}')
    launchable = root.find("launchable[@type='desktop-id']")
    report.check(launchable is not None and launchable.text == f'{app_id}.desktop',
                 f'{path}: <launchable type="desktop-id"> is not {app_id}.desktop')
    releases = root.findall('releases/release')
    report.check(bool(releases), f'{path}: no <release>')
    if releases:
        newest = releases[0].get('version')
        report.check(newest == version,
                     f'{path}: the newest <release> is {newest}, but the project is {version}: '
                     'add the release and its notes')
        versions = [r.get('version') for r in releases]
        report.check(versions == sorted(versions, key=version_key, reverse=True),
                     f'{path}: releases are not listed newest first: {versions}')
        report.check(all(r.get('date') for r in releases),
                     f'{path}: every <release> needs a date')


def read_desktop_entry(path):
    entry = {}
    section = None
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            if line.startswith('['):
                section = line
            elif section == '[Desktop Entry]' and '=' in line:
                key, value = line.split('=', 1)
                entry[key.strip()] = value.strip()
    return entry


def check_desktop(report, path, app_id):
    entry = read_desktop_entry(path)
    report.check(entry.get('Icon') == app_id,
                 f'{path}: Icon is {entry.get("Icon")!r}, expected {app_id!r}')
    report.check(entry.get('Exec', '').split(' ')[0] == 'feuillet',
                 f'{path}: Exec does not run feuillet: {entry.get("Exec")!r}')


def check_schema(report, path, app_id, domain):
    root = ET.parse(path).getroot()
    report.check(root.get('gettext-domain') == domain,
                 f'{path}: gettext-domain is {root.get("gettext-domain")!r}, expected {domain!r}')
    schemas = root.findall('schema')
    ids = [s.get('id') for s in schemas]
    report.check(app_id in ids, f'{path}: no schema with id {app_id}')
    for schema in schemas:
        schema_id = schema.get('id')
        expected_path = '/' + schema_id.replace('.', '/') + '/'
        report.check(schema.get('path') == expected_path,
                     f'{path}: schema {schema_id} has path {schema.get("path")!r}, '
                     f'expected {expected_path!r}')
        for key in schema.findall('key'):
            name = key.get('name')
            for field in ('summary', 'description'):
                text = (key.findtext(field) or '').strip()
                report.check(bool(text), f'{path}: key {name} has no {field}')


def svg_size(root):
    return root.get('width'), root.get('height'), root.get('viewBox')


def check_icons(report, icons_dir, app_id):
    scalable = f'{icons_dir}/hicolor/scalable/apps/{app_id}.svg'
    symbolic = f'{icons_dir}/hicolor/symbolic/apps/{app_id}-symbolic.svg'
    for path, size in ((scalable, '128'), (symbolic, '16')):
        try:
            root = ET.parse(path).getroot()
        except (OSError, ET.ParseError) as e:
            report.check(False, f'{path}: {e}')
            continue
        width, height, view_box = svg_size(root)
        report.check((width, height, view_box) == (size, size, f'0 0 {size} {size}'),
                     f'{path}: canvas is {width}×{height} ({view_box}), expected {size}×{size}')
        if path == symbolic:
            colours = set()
            for element in root.iter():
                for attribute in ('fill', 'stroke', 'stop-color'):
                    value = element.get(attribute)
                    if value and value != 'none':
                        colours.add(value.lower())
                style = element.get('style') or ''
                colours.update(c.lower() for c in re.findall(r'#[0-9a-fA-F]{3,8}', style))
            report.check(colours == {'#2e3436'},
                         f'{path}: a symbolic icon is drawn in #2e3436 only, found {colours}')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--app-id', required=True)
    parser.add_argument('--version', required=True)
    parser.add_argument('--gettext-domain', required=True)
    parser.add_argument('--metainfo', required=True)
    parser.add_argument('--desktop', required=True)
    parser.add_argument('--schema', required=True)
    parser.add_argument('--icons-dir', required=True)
    args = parser.parse_args()

    report = Report()
    check_metainfo(report, args.metainfo, args.app_id, args.version)
    check_desktop(report, args.desktop, args.app_id)
    check_schema(report, args.schema, args.app_id, args.gettext_domain)
    check_icons(report, args.icons_dir, args.app_id)
    print(f'{report.passed} passed, {report.failed} failed')
    return 1 if report.failed else 0


if __name__ == '__main__':
    sys.exit(main())
