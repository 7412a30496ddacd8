-- A library made by Feuillet's first schema (format 1), frozen: tests/core/test-store.c migrates it.
-- Made with the sqlite3 shell from schema_v1 in src/core/feuillet-store-schema.c and two articles, then .dump.
/* WARNING: Script requires that SQLITE_DBCONFIG_DEFENSIVE be disabled */
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE articles (  id INTEGER PRIMARY KEY,  uuid TEXT NOT NULL UNIQUE,  title TEXT NOT NULL DEFAULT '',  chapeau TEXT NOT NULL DEFAULT '',  body TEXT NOT NULL DEFAULT '',  category TEXT NOT NULL DEFAULT '',  byline TEXT NOT NULL DEFAULT '',  status TEXT NOT NULL DEFAULT 'draft'    CHECK (status IN ('idea', 'draft', 'ready', 'submitted', 'scheduled', 'published')),  slug TEXT NOT NULL DEFAULT '',  language TEXT NOT NULL DEFAULT 'fr',  target INTEGER NOT NULL DEFAULT 0 CHECK (target >= 0),  featured_image TEXT,  schedule_date INTEGER,  created INTEGER NOT NULL,  updated INTEGER NOT NULL,  trashed INTEGER,  change_seq INTEGER UNIQUE,  remote_site TEXT,  remote_id INTEGER,  remote_link TEXT,  remote_status TEXT,  remote_modified TEXT,  remote_base TEXT,  CHECK ((trashed IS NULL) = (change_seq IS NOT NULL)));
INSERT INTO articles VALUES(1,'0b7c4c1e-8d0a-4f5e-9a53-5d7b8f0c1a01','Fête de la Saint-Nicolas à Épinal','Le défilé a réuni 20 000 personnes.',replace('Le **char** du saint patron ouvrait la marche.\n\n## Une tradition lorraine\n\nLes enfants ont reçu des pains d’épices.','\n',char(10)),'Société','B.Boulay','published','saint-nicolas-epinal','fr',2500,NULL,NULL,1700000000000000,1700000000000000,NULL,1,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO articles VALUES(2,'0b7c4c1e-8d0a-4f5e-9a53-5d7b8f0c1a02','Gérardmer sous la neige','','Premières chutes de neige sur les Hautes-Vosges.','Météo','','draft','','fr',0,NULL,NULL,1700000001000000,1700000001000000,NULL,2,NULL,NULL,NULL,NULL,NULL,NULL);
CREATE TABLE tags (  id INTEGER PRIMARY KEY,  name TEXT NOT NULL,  key TEXT NOT NULL UNIQUE);
INSERT INTO tags VALUES(1,'Épinal','épinal');
INSERT INTO tags VALUES(2,'Vosges','vosges');
CREATE TABLE article_tags (  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,  position INTEGER NOT NULL,  PRIMARY KEY (article_id, tag_id)) WITHOUT ROWID;
INSERT INTO article_tags VALUES(1,1,0);
INSERT INTO article_tags VALUES(1,2,1);
INSERT INTO article_tags VALUES(2,2,0);
CREATE TABLE revisions (  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,  number INTEGER NOT NULL,  reason TEXT NOT NULL,  created INTEGER NOT NULL,  updated INTEGER NOT NULL,  title TEXT NOT NULL,  chapeau TEXT NOT NULL,  body TEXT NOT NULL,  category TEXT NOT NULL,  tags TEXT NOT NULL,  byline TEXT NOT NULL,  status TEXT NOT NULL,  slug TEXT NOT NULL,  language TEXT NOT NULL,  target INTEGER NOT NULL,  featured_image TEXT,  schedule_date INTEGER,  PRIMARY KEY (article_id, number)) WITHOUT ROWID;
INSERT INTO revisions VALUES(1,1,'created',1700000000000000,1700000000000000,'Fête de la Saint-Nicolas à Épinal','Le défilé a réuni 20 000 personnes.',replace('Le **char** du saint patron ouvrait la marche.\n\n## Une tradition lorraine\n\nLes enfants ont reçu des pains d’épices.','\n',char(10)),'Société',replace('Épinal\nVosges','\n',char(10)),'B.Boulay','published','saint-nicolas-epinal','fr',2500,NULL,NULL);
INSERT INTO revisions VALUES(2,1,'created',1700000001000000,1700000001000000,'Gérardmer sous la neige','','Premières chutes de neige sur les Hautes-Vosges.','Météo','Vosges','','draft','','fr',0,NULL,NULL);
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','article_fts','article_fts',0,'CREATE VIRTUAL TABLE article_fts USING fts5 (  title, chapeau, body,  content = '''', contentless_delete = 1,  tokenize = ''unicode61 remove_diacritics 2'')');
CREATE TABLE IF NOT EXISTS 'article_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO article_fts_data VALUES(1,X'020b071b');
INSERT INTO article_fts_data VALUES(10,X'00000000ff000001010202000201010101010000010201010202000001');
INSERT INTO article_fts_data VALUES(137438953473,X'0000013c0430303030010601010701023230010601010601016101080701010401046368617201060102030101640106010213020165010203030466696c650106010103030173010601021102017501060102040107656e66616e7473010601020e02057069636573010601021404036e616c01020801046665746501020201026c61010804010208020165010c010102010202030173010601020d02076f727261696e65010601020c01066d6172636865010601020901076e69636f6c617301020601036f6e74010601020f0206757672616974010601020701057061696e730106010212030474726f6e010601020602086572736f6e6e6573010601010801047265637501060102100303756e69010601010501057361696e740108050102050109747261646974696f6e010601020b0103756e65010601020a040a09090b08060b08080e0c08090a0b080e0d0c0a0d0c0b0f0b0a0d10');
INSERT INTO article_fts_data VALUES(274877906945,X'000000810730636875746573020601020301026465020601020401096765726172646d65720202020106686175746573020601020801026c6102020402026573020601020701056e6569676502080501020501097072656d696572657302060102020104736f75730202030202757202060102060106766f736765730206010209040d090e0d07090d100909');
CREATE TABLE IF NOT EXISTS 'article_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO article_fts_idx VALUES(1,X'',2);
INSERT INTO article_fts_idx VALUES(2,X'',2);
CREATE TABLE IF NOT EXISTS 'article_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);
INSERT INTO article_fts_docsize VALUES(1,X'070713',1);
INSERT INTO article_fts_docsize VALUES(2,X'040008',2);
CREATE TABLE IF NOT EXISTS 'article_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO article_fts_config VALUES('version',4);
CREATE INDEX articles_trashed ON articles (trashed) WHERE trashed IS NOT NULL;
CREATE INDEX article_tags_by_tag ON article_tags (tag_id);
PRAGMA writable_schema=OFF;
COMMIT;
PRAGMA application_id = 1178948937;
PRAGMA user_version = 1;
