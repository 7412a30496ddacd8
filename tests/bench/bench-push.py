#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: build-aux/dev exec python3 tests/bench/bench-push.py [ROUNDS]   (curl: $CURL or on PATH)
"""Issue 5: pushing 100 new articles, 5 tags each, to a loopback WordPress with feuillet-cli,
side by side with the fewest curl requests that create the same posts and terms.

Sides, each from the same starting point (the site's posts and tags deleted, a fresh copy of
the library), in alternating order over ROUNDS rounds (default 3):

  feuillet-push    one `feuillet-cli push ID` process per article, as a script would do
  feuillet-push-all one `feuillet-cli push ID…` for the 100 (their writes batched)
  feuillet-sync    the 100 pushes queued while the site was down, then one `feuillet-cli sync`
  curl-each        one curl process per request: each distinct tag once, then one post each
  curl-reuse       the same requests in two curl processes (`next` in a config file): the tags,
                   then the posts, whose bodies need the tag ids
  curl-batch       the same operations through POST /batch/v1, 25 to a request, two curl processes

Only the pushing is timed: not the library's making, the rendering of the block markup curl
sends (`feuillet-cli render ID --format blocks`), nor the checks. After every side the site must
hold exactly the 100 posts, as drafts, each with its title, excerpt, content, the category and
its 5 tags, and no tag twice; the posts of every side must be the same. HTTP requests and
connections are counted from the PHP server's log; the CPU time of the client processes, of
PHP's server and of MariaDB is measured too, as it depends less than the wall time on what else
the machine runs. Prints; asserts only that every side pushed what it should.
"""

import base64
import html
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "wordpress"))
from wordpress_sandbox import WordPressSandbox  # noqa: E402

CLI = os.environ.get("FEUILLET_CLI", "feuillet-cli")
CURL = os.environ.get("CURL", "curl")
NO_BUS = "unix:path=/nonexistent/feuillet-bench-no-session-bus"
SAMPLE = os.path.join(HERE, "..", "data", "samples", "kazakhstan-vosges.md")
ARTICLES = 100
TAGS_PER_ARTICLE = 5
BATCH_LIMIT = 25  # WordPress's own limit for /batch/v1
SITE = "vosges"
CATEGORY = "Économie"

TAG_POOL = [
    "Épinal", "Gérardmer", "Remiremont", "Saint-Dié-des-Vosges", "Neufchâteau", "Mirecourt",
    "Rambervillers", "Bruyères", "Plombières-les-Bains", "Vittel", "Contrexéville",
    "Thaon-les-Vosges", "Golbey", "Châtel-sur-Moselle", "La Bresse", "Xonrupt-Longemer",
    "Le Thillot", "Raon-l’Étape", "Senones", "Fraize", "Industrie", "Éco-matériaux",
    "Coopération", "Conseil départemental", "Municipalité", "Budget", "École", "Collège",
    "Santé", "Hôpital", "Forêt", "Scolytes", "Sécheresse", "Agriculture", "Élevage",
    "Fromagerie", "Munster", "Myrtille", "Tourisme", "Ski de fond", "Randonnée",
    "Fête patronale", "Associations", "Bénévolat", "Pompiers", "Faits divers", "Élections",
    "Transports", "Route nationale 57", "Énergie", "Hydrogène", "Textile", "Papeterie",
    "Scierie", "Artisanat", "Emploi", "Patrimoine", "Théâtre", "Cyclisme", "Handball",
]
TOWNS = TAG_POOL[:20]
SUBJECTS = [
    "les industriels cherchent des bras", "le conseil municipal vote son budget",
    "la filière bois face aux scolytes", "une délégation étrangère en visite",
    "l’école rouvre après les travaux",
]


def say(*args):
    print(*args, flush=True)


# -- the articles --

def sample_paragraphs():
    """The sample article's body (after its front matter), paragraph by paragraph."""
    with open(SAMPLE, encoding="utf-8") as f:
        text = f.read()
    body = text.split("\n---\n", 1)[1]
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def write_articles(directory):
    """100 Markdown files of about 600 words; returns, in order, each one's tags."""
    random.seed(5)
    paragraphs = [p for p in sample_paragraphs() if not p.startswith("#")]
    intertitles = ["Développer la coopération avec les PME-PMI innovantes", "Des emplois à la clé",
                   "Le regard des élus", "Et maintenant ?"]
    tags_of = []
    for k in range(ARTICLES):
        town = TOWNS[k % len(TOWNS)]
        title = f"{town} : {SUBJECTS[k // len(TOWNS)]}"
        chapeau = (f"Jeudi {k % 28 + 1} octobre, à {town}, élus et chefs d’entreprise se sont retrouvés "
                   f"pour parler d’avenir ; la rencontre n° {k + 1} de l’année, dans une salle comble.")
        tags = random.sample(TAG_POOL, TAGS_PER_ARTICLE)
        tags_of.append(tags)
        body = [f"À {town}, la réunion a commencé à {8 + k % 10} h devant {20 + k} personnes. "
                f"« Nous n’avons jamais vu autant de monde », confiait l’organisatrice, Mme Martin."]
        words = len(" ".join(body).split())
        i = k
        while words < 600:
            if len(body) % 4 == 0:
                body.append("## " + intertitles[(len(body) // 4) % len(intertitles)])
            paragraph = paragraphs[i % len(paragraphs)]
            body.append(paragraph)
            words += len(paragraph.split())
            i += 1
        front = {"title": title, "chapeau": chapeau, "category": CATEGORY, "tags": tags, "lang": "fr",
                 "byline": "B. Boulay"}
        with open(os.path.join(directory, f"article-{k:03}.md"), "w", encoding="utf-8") as f:
            f.write("---\n")
            for key, value in front.items():
                f.write(f"{key}: {json.dumps(value, ensure_ascii=False)}\n")  # JSON is YAML
            f.write("---\n\n" + "\n\n".join(body) + "\n")
    return tags_of


# -- the site --

class Site:
    """The sandbox seen through its REST API (urllib, for the setup and the checks) and its log."""

    def __init__(self, wordpress):
        self.wordpress = wordpress
        self.api = f"{wordpress.url}/wp-json"
        token = base64.b64encode(f"{wordpress.user}:{wordpress.application_password}".encode()).decode()
        self.authorization = f"Basic {token}"

    def rest(self, route, query=None, body=None):
        url = self.api + route + ("?" + urllib.parse.urlencode(query) if query else "")
        request = urllib.request.Request(url, headers={"Authorization": self.authorization})
        if body is not None:
            request.data = json.dumps(body).encode()
            request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response), response.headers

    def all_pages(self, route, query):
        items, page = [], 1
        while True:
            answer, headers = self.rest(route, dict(query, per_page=100, page=page))
            items += answer
            if page >= int(headers.get("X-WP-TotalPages", "1")):
                return items
            page += 1

    def reset(self):
        """Back to the starting point: no post, no tag (the category stays)."""
        self.wordpress.sql("""
            DELETE FROM wp_term_relationships WHERE object_id IN (SELECT ID FROM wp_posts);
            DELETE FROM wp_postmeta;
            DELETE FROM wp_comments;
            DELETE FROM wp_commentmeta;
            DELETE FROM wp_posts;
            DELETE FROM wp_termmeta WHERE term_id IN
              (SELECT term_id FROM wp_term_taxonomy WHERE taxonomy = 'post_tag');
            DELETE t, tt FROM wp_terms t JOIN wp_term_taxonomy tt ON tt.term_id = t.term_id
              WHERE tt.taxonomy = 'post_tag';
            UPDATE wp_term_taxonomy SET count = 0;
        """)

    def log_size(self):
        return os.path.getsize(os.path.join(self.wordpress.directory, "php.log"))

    def settled_log_size(self):
        """The log's size once nothing more is written to it: after a restart, a readiness probe
        that timed out under load may still be answered (and logged) a moment later."""
        size, deadline = self.log_size(), time.monotonic() + 5
        while time.monotonic() < deadline:
            time.sleep(0.5)
            if self.log_size() == size:
                break
            size = self.log_size()
        return size

    def requests_since(self, offset):
        """The requests and connections PHP's server logged after @offset: (requests, connections)."""
        with open(os.path.join(self.wordpress.directory, "php.log"), encoding="utf-8", errors="replace") as f:
            f.seek(offset)
            log = f.read()
        requests = [(m.group(2), urllib.parse.urlsplit(m.group(3)).path, m.group(1))
                    for m in re.finditer(r"\[(\d{3})\]: (\w+) (\S+)", log)]
        return requests, log.count(" Accepted")


class Expected:
    """What the site must hold after a side: learnt from the library, and from the first side
    for what WordPress alone says (the title and excerpt after Feuillet's typography)."""

    def __init__(self, contents, tags_of, category_id):
        self.contents = contents          # article index -> block markup
        self.tags_of = tags_of            # article index -> tag names
        self.category_id = category_id
        self.titles = None                # article index -> (title.raw, excerpt.raw)


def check_site(site, expected, side):
    """Exactly the 100 posts, as expected; returns the problems found (empty when all is well)."""
    problems = []
    posts = site.all_pages("/wp/v2/posts", {"status": "any", "context": "edit",
                                            "_fields": "id,status,title,excerpt,content,tags,categories"})
    tags = {t["id"]: html.unescape(t["name"]) for t in site.all_pages("/wp/v2/tags", {"_fields": "id,name"})}
    used = {name for names in expected.tags_of for name in names}
    if len(posts) != ARTICLES:
        problems.append(f"{len(posts)} posts on the site, not {ARTICLES}")
    if sorted(tags.values()) != sorted(used):
        problems.append(f"{len(tags)} tags on the site, not the {len(used)} distinct ones used"
                        f" (extra: {sorted(set(tags.values()) - used)[:5]},"
                        f" missing: {sorted(used - set(tags.values()))[:5]})")
    by_content = {content: k for k, content in enumerate(expected.contents)}
    titles = {}
    for post in posts:
        k = by_content.get(post["content"]["raw"])
        if k is None:
            problems.append(f"post {post['id']}: its content is no article's block markup")
            continue
        names = [tags.get(i, f"#{i}") for i in post["tags"]]
        if len(post["tags"]) != TAGS_PER_ARTICLE or sorted(names) != sorted(expected.tags_of[k]):
            problems.append(f"post {post['id']}: tags {names}, not {expected.tags_of[k]}")
        if post["categories"] != [expected.category_id]:
            problems.append(f"post {post['id']}: categories {post['categories']}")
        if post["status"] != "draft":
            problems.append(f"post {post['id']}: status {post['status']}")
        titles[k] = (post["title"]["raw"], post["excerpt"]["raw"])
    if expected.titles is None:
        if side.startswith("feuillet") and len(titles) == ARTICLES:
            expected.titles = titles
    else:
        for k, pair in titles.items():
            if pair != expected.titles[k]:
                problems.append(f"article {k}: title and excerpt {pair}, not {expected.titles[k]}")
    return problems


# -- Feuillet --

class Library:
    def __init__(self, directory, wordpress):
        self.directory = directory
        self.path = os.path.join(directory, "library.db")
        self.env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=NO_BUS,
                        FEUILLET_APP_PASSWORD=wordpress.application_password)

    def cli(self, *args, codes=(0,)):
        result = subprocess.run([CLI, "--library", self.path, *args], capture_output=True, text=True,
                                env=self.env)
        if result.returncode not in codes:
            raise RuntimeError(f"feuillet-cli {' '.join(args[:2])}: exit {result.returncode}: {result.stderr}")
        return result

    def copy_to(self, directory):
        """A fresh copy (the file and its WAL, written by processes that have all exited)."""
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(self.path + suffix):
                shutil.copy(self.path + suffix, os.path.join(directory, "library.db" + suffix))
        other = Library.__new__(Library)
        other.directory, other.path, other.env = directory, os.path.join(directory, "library.db"), self.env
        return other


def feuillet_push(ctx, library):
    """One process per article, the way a shell loop would publish them."""
    ctx.meter.start()
    for id in ctx.ids:
        library.cli("push", id, "--site", SITE, "--json")
    ctx.meter.stop()


def feuillet_push_all(ctx, library):
    """One process for the 100: `feuillet-cli push ID…`, the writes batched."""
    ctx.meter.start()
    result = library.cli("push", *ctx.ids, "--site", SITE, "--json")
    ctx.meter.stop()
    results = [row["result"] for row in json.loads(result.stdout)]
    if results != ["sent"] * ARTICLES:
        raise RuntimeError(f"push ID…: {results}")


def feuillet_sync(ctx, library):
    """The 100 pushes queued while the site is down (untimed), then one sync (timed)."""
    ctx.site.wordpress.stop_server()
    try:
        for id in ctx.ids:
            library.cli("push", id, "--site", SITE, codes=(5,))
    finally:
        ctx.site.wordpress.restart_server()
    ctx.meter.start(settle=True)
    result = library.cli("sync", "--site", SITE, "--json")
    ctx.meter.stop()
    results = [row["result"] for row in json.loads(result.stdout)]
    if results != ["sent"] * ARTICLES:
        raise RuntimeError(f"sync: {results}")


# -- curl --

def curl_auth_file(ctx):
    path = os.path.join(ctx.work, "curl-auth.conf")
    with open(path, "w") as f:
        f.write(f'user = "{ctx.site.wordpress.user}:{ctx.site.wordpress.application_password}"\n')
    os.chmod(path, 0o600)
    return path


def post_body(ctx, k, tag_ids):
    title, excerpt = ctx.expected.titles[k]
    return {"title": title, "excerpt": excerpt, "content": ctx.expected.contents[k], "status": "draft",
            "categories": [ctx.expected.category_id], "tags": [tag_ids[name] for name in ctx.expected.tags_of[k]]}


def tag_id_from(status, answer):
    """A created tag's id, or the existing one's (400 term_exists, data.term_id)."""
    if status == 201:
        return answer["id"]
    if status == 400 and answer.get("code") == "term_exists":
        return answer["data"]["term_id"]
    raise RuntimeError(f"creating a tag: {status} {answer}")


def run_curl(args, input=None):
    result = subprocess.run([CURL, "-sS", *args], input=input, capture_output=True)
    if result.returncode != 0:
        raise RuntimeError(f"curl: exit {result.returncode}: {result.stderr.decode()}")
    return result.stdout


def curl_each(ctx, _library):
    """One curl process per request: what a shell script does."""
    auth = curl_auth_file(ctx)
    common = ["-K", auth, "-H", "Content-Type: application/json", "-w", "\n%{http_code}"]
    ctx.meter.start()
    tag_ids = {}
    for name in ctx.distinct_tags:
        out = run_curl([*common, "--data-binary", json.dumps({"name": name}), ctx.site.api + "/wp/v2/tags"])
        body, status = out.rsplit(b"\n", 1)
        tag_ids[name] = tag_id_from(int(status), json.loads(body))
    for k in range(ARTICLES):
        out = run_curl([*common, "--data-binary", "@-", ctx.site.api + "/wp/v2/posts"],
                       input=json.dumps(post_body(ctx, k, tag_ids)).encode())
        body, status = out.rsplit(b"\n", 1)
        if int(status) != 201:
            raise RuntimeError(f"curl-each: creating post {k}: {status} {body[:300]}")
    ctx.meter.stop()


def curl_config(ctx, name, url, bodies):
    """A curl config of one POST of each body to @url, `next` between them; returns its path and
    the files the answers go to."""
    user = f"{ctx.site.wordpress.user}:{ctx.site.wordpress.application_password}"
    path = os.path.join(ctx.work, f"{name}.conf")
    outputs = []
    with open(path, "w") as conf:
        for i, body in enumerate(bodies):
            body_path = os.path.join(ctx.work, f"{name}-{i}.json")
            with open(body_path, "w", encoding="utf-8") as f:
                json.dump(body, f, ensure_ascii=False)
            outputs.append(os.path.join(ctx.work, f"{name}-{i}.out"))
            if i > 0:
                conf.write("next\n")
            conf.write(f'url = "{url}"\nuser = "{user}"\nheader = "Content-Type: application/json"\n'
                       f'data-binary = "@{body_path}"\noutput = "{outputs[-1]}"\n'
                       'write-out = "%{http_code}\\n"\n')
    os.chmod(path, 0o600)
    return path, outputs


def run_config(path, outputs):
    statuses = [int(s) for s in run_curl(["-K", path]).split()]
    answers = []
    for output in outputs:
        with open(output, "rb") as f:
            answers.append(json.load(f))
    return statuses, answers


def curl_reuse(ctx, _library):
    """The same requests from two curl processes, connections reused when the server allows."""
    tags_conf = curl_config(ctx, "tags", ctx.site.api + "/wp/v2/tags", [{"name": n} for n in ctx.distinct_tags])
    ctx.meter.start()
    statuses, answers = run_config(*tags_conf)
    tag_ids = {name: tag_id_from(s, a) for name, s, a in zip(ctx.distinct_tags, statuses, answers)}
    posts_conf = curl_config(ctx, "posts", ctx.site.api + "/wp/v2/posts",
                             [post_body(ctx, k, tag_ids) for k in range(ARTICLES)])
    statuses, answers = run_config(*posts_conf)
    if statuses != [201] * ARTICLES:
        raise RuntimeError(f"curl-reuse: posts answered {statuses}")
    ctx.meter.stop()


def batches(requests):
    return [{"requests": requests[i:i + BATCH_LIMIT]} for i in range(0, len(requests), BATCH_LIMIT)]


def curl_batch(ctx, _library):
    """The same operations, 25 to a POST /batch/v1 (WORDPRESS.md, "Batch")."""
    tags_conf = curl_config(ctx, "batch-tags", ctx.site.api + "/batch/v1",
                            batches([{"method": "POST", "path": "/wp/v2/tags", "body": {"name": n}}
                                     for n in ctx.distinct_tags]))
    ctx.meter.start()
    statuses, answers = run_config(*tags_conf)
    responses = [r for answer in answers for r in answer["responses"]]
    if set(statuses) != {207} or len(responses) != len(ctx.distinct_tags):
        raise RuntimeError(f"curl-batch: tags answered {statuses}")
    tag_ids = {name: tag_id_from(r["status"], r["body"]) for name, r in zip(ctx.distinct_tags, responses)}
    posts_conf = curl_config(ctx, "batch-posts", ctx.site.api + "/batch/v1",
                             batches([{"method": "POST", "path": "/wp/v2/posts", "body": post_body(ctx, k, tag_ids)}
                                      for k in range(ARTICLES)]))
    statuses, answers = run_config(*posts_conf)
    created = [r["status"] for answer in answers for r in answer["responses"]]
    if set(statuses) != {207} or created != [201] * ARTICLES:
        raise RuntimeError(f"curl-batch: posts answered {statuses} {created}")
    ctx.meter.stop()


SIDES = [("feuillet-push", feuillet_push), ("feuillet-push-all", feuillet_push_all), ("feuillet-sync", feuillet_sync),
         ("curl-each", curl_each), ("curl-reuse", curl_reuse), ("curl-batch", curl_batch)]


# -- the run --

class Context:
    pass


def process_tree_cpu(root):
    """CPU seconds (user and system) of @root's process and its descendants, the ones that exited
    included (PHP's server forks its workers)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(v) for v in fields[11:15])  # utime stime cutime cstime
        todo += parents.get(pid, [])
    return total / os.sysconf("SC_CLK_TCK")


class Meter:
    """One side's figures: wall time; CPU of the client processes (feuillet-cli or curl), of PHP's
    server and of MariaDB, which depend less on what else the machine runs; the requests logged."""

    def __init__(self, site):
        self.site = site

    def _cpu(self):
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        database, server = self.site.wordpress._processes[0].pid, self.site.wordpress._processes[-1].pid
        return children.ru_utime + children.ru_stime, process_tree_cpu(server), process_tree_cpu(database)

    def start(self, settle=False):
        self.offset = self.site.settled_log_size() if settle else self.site.log_size()
        self.cpu = self._cpu()
        self.started = time.monotonic()

    def stop(self):
        self.wall = time.monotonic() - self.started
        self.client_cpu, self.php_cpu, self.database_cpu = (b - a for a, b in zip(self.cpu, self._cpu()))
        self.requests, self.connections = self.site.requests_since(self.offset)


def probe(ctx, library):
    """What a push pays before any request: a feuillet-cli process on the library; and what a
    request costs the server, by kind (curl's time_total, median of 10)."""
    started = time.monotonic()
    for id in ctx.ids:
        library.cli("show", id, "--json")
    say(f"\nfeuillet-cli show ID (a process, the library opened, no network), 100 times: "
        f"{time.monotonic() - started:.2f} s")
    auth = curl_auth_file(ctx)
    listing = "?per_page=100&page=1&orderby=id&order=asc&_fields=id,name,slug"
    existing_tag = ["-H", "Content-Type: application/json", "--data-binary", json.dumps({"name": ctx.distinct_tags[0]})]
    for what, args in [("GET /wp/v2/categories (Feuillet's query)", [ctx.site.api + "/wp/v2/categories" + listing]),
                       (f"GET /wp/v2/tags, {len(ctx.distinct_tags)} tags (Feuillet's query)",
                        [ctx.site.api + "/wp/v2/tags" + listing]),
                       ("GET /wp/v2/users/me", [ctx.site.api + "/wp/v2/users/me"]),
                       ("POST /wp/v2/tags of an existing tag (400 term_exists)",
                        [*existing_tag, ctx.site.api + "/wp/v2/tags"])]:
        times = [float(run_curl(["-K", auth, "-o", "/dev/null", "-w", "%{time_total}", *args])) for _ in range(10)]
        say(f"  {what}: {statistics.median(times) * 1000:.0f} ms a request")


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    if shutil.which(CURL) is None:
        sys.exit(f"bench-push: no curl (“{CURL}”): install it, or point $CURL at one")
    say(f"load before: {open('/proc/loadavg').read().strip()}")
    work = tempfile.TemporaryDirectory(prefix="feuillet-bench-push-")
    with WordPressSandbox() as wordpress:
        ctx = Context()
        ctx.work = work.name
        ctx.site = site = Site(wordpress)
        category, _ = site.rest("/wp/v2/categories", body={"name": CATEGORY, "slug": "economie"})

        # The library: the site, then the 100 articles, imported.
        template = Library(os.path.join(work.name, "template"), wordpress)
        os.makedirs(template.directory)
        articles = os.path.join(work.name, "articles")
        os.makedirs(articles)
        tags_of = write_articles(articles)
        template.cli("site", "add", SITE, "--url", wordpress.url, "--user", wordpress.user)
        files = sorted(os.path.join(articles, name) for name in os.listdir(articles))
        ctx.ids = template.cli("import", *files).stdout.split()
        assert len(ctx.ids) == ARTICLES, ctx.ids
        contents = [template.cli("render", id, "--format", "blocks").stdout for id in ctx.ids]
        ctx.expected = Expected(contents, tags_of, category["id"])
        ctx.distinct_tags = list(dict.fromkeys(name for names in tags_of for name in names))
        words = [len(c.split()) for c in contents]
        say(f"{ARTICLES} articles, {min(words)}–{max(words)} words of block markup each, "
            f"{TAGS_PER_ARTICLE} tags each, {len(ctx.distinct_tags)} distinct tags; category {CATEGORY} "
            f"(id {category['id']}); WordPress at {wordpress.url}")

        ctx.meter = Meter(site)
        figures = {name: [] for name, _ in SIDES}  # per round: (wall, client, PHP, MariaDB CPU seconds)
        last_requests = {}
        for r in range(rounds):
            order = SIDES if r % 2 == 0 else SIDES[::-1]
            for name, run in order:
                site.reset()
                library = template.copy_to(tempfile.mkdtemp(prefix=name + "-", dir=work.name))
                run(ctx, library)
                meter = ctx.meter
                problems = check_site(site, ctx.expected, name)
                if problems:
                    say(f"round {r + 1} {name}: the site is not as expected:\n  " + "\n  ".join(problems[:10]))
                    sys.exit(1)
                failed = [request for request in meter.requests if not request[2].startswith("2")]
                figures[name].append((meter.wall, meter.client_cpu, meter.php_cpu, meter.database_cpu))
                last_requests[name] = (meter.requests, meter.connections)
                say(f"round {r + 1} {name:14} {meter.wall:6.2f} s  {len(meter.requests):4} requests "
                    f"({len(failed)} not 2xx), {meter.connections} connections; CPU s: client {meter.client_cpu:.2f}, "
                    f"PHP {meter.php_cpu:.2f}, MariaDB {meter.database_cpu:.2f}; site checked")

        say(f"\n{'side':14} {'wall median':>11} {'min':>7} {'requests':>8} {'conns':>5} {'req/s':>6} {'pushes/s':>8}"
            f"   CPU s (medians): {'client':>6} {'PHP':>6} {'MariaDB':>7}")
        for name, _ in SIDES:
            requests, connections = last_requests[name]
            wall, client, php, database = (statistics.median(column) for column in zip(*figures[name]))
            say(f"{name:14} {wall:10.2f}s {min(f[0] for f in figures[name]):6.2f}s {len(requests):8} "
                f"{connections:5} {len(requests) / wall:6.1f} {ARTICLES / wall:8.1f}   {'':17}"
                f"{client:6.2f} {php:6.2f} {database:7.2f}")

        for name in ("feuillet-push", "feuillet-push-all", "feuillet-sync"):
            say(f"\n{name}: requests by kind (last round)")
            kinds = {}
            for method, path, status in last_requests[name][0]:
                key = f"{method} {path} [{status}]"
                kinds[key] = kinds.get(key, 0) + 1
            for key, n in sorted(kinds.items(), key=lambda item: -item[1]):
                say(f"  {n:5}  {key}")

        probe(ctx, template.copy_to(tempfile.mkdtemp(prefix="probe-", dir=work.name)))
    say(f"\nload after: {open('/proc/loadavg').read().strip()}")
    work.cleanup()


if __name__ == "__main__":
    main()
