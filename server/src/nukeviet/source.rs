//! Reading a NukeViet 4 site's database: its news, voting and weblinks modules, as
//! NukeViet's own `action_mysql.php` lays them out (`{prefix}_{lang}_news_rows`, …),
//! through a read-only session. Every value read here is untrusted: the mapping checks it.

use std::{collections::HashMap, str::FromStr};

use sqlx::{
    Executor, FromRow, MySqlPool,
    mysql::{MySqlConnectOptions, MySqlPoolOptions},
};

use super::MoveError;

/// Articles read at once: the move never holds more of the site in memory.
pub const PAGE: i64 = 200;

/// A NukeViet site's database, opened read-only.
pub struct Site {
    pool: MySqlPool,
    prefix: String,
    lang: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct CategoryRow {
    pub catid: i64,
    pub parentid: i64,
    pub title: String,
    pub alias: String,
    pub weight: i64,
    pub sort: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct ArticleRow {
    pub id: i64,
    pub catid: i64,
    pub author: Option<String>,
    pub source_title: Option<String>,
    pub edittime: i64,
    pub status: i64,
    pub publtime: i64,
    pub exptime: i64,
    pub title: String,
    pub alias: String,
    pub hometext: String,
    pub homeimgfile: Option<String>,
    pub homeimgalt: Option<String>,
    pub homeimgthumb: i64,
    pub allowed_rating: i64,
    pub hitstotal: i64,
    pub total_rating: i64,
    pub click_rating: i64,
    pub bodyhtml: Option<String>,
    pub sourcetext: Option<String>,
    pub files: Option<String>,
}

#[derive(Debug, Clone, FromRow)]
pub struct PollRow {
    pub vid: i64,
    pub question: String,
    pub link: Option<String>,
    pub acceptcm: i64,
    pub publ_time: i64,
    pub exp_time: i64,
    pub act: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct PollOptionRow {
    pub id: i64,
    pub vid: i64,
    pub title: String,
    pub url: Option<String>,
    pub hitstotal: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct WeblinkRow {
    pub id: i64,
    pub group_title: Option<String>,
    pub title: String,
    pub url: String,
    pub hits_total: i64,
    pub status: i64,
}

/// A module installed on the site (a copy of the page module, as `about`, or of organs).
#[derive(Debug, Clone, FromRow)]
pub struct Module {
    /// Its name in addresses: `/vi/{title}/…`.
    pub title: String,
    /// The name of its tables: `{prefix}_{lang}_{module_data}…`.
    pub module_data: String,
    /// Its folder in `uploads/`.
    pub module_upload: String,
}

/// A unit of the organs module.
#[derive(Debug, Clone, FromRow)]
pub struct OrganRow {
    pub organid: i64,
    pub parentid: i64,
    pub title: String,
    pub address: String,
    pub email: String,
    pub phone: String,
    pub fax: String,
    pub weight: i64,
    pub active: i64,
}

/// A person of the organs module.
#[derive(Debug, Clone, FromRow)]
pub struct OrganPersonRow {
    pub personid: i64,
    pub organid: i64,
    pub name: String,
    pub photo: String,
    pub mobile: String,
    pub phone: String,
    pub email: String,
    pub position: String,
    pub weight: i64,
    pub active: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct PageRow {
    pub id: i64,
    pub title: String,
    pub alias: String,
    pub description: Option<String>,
    pub bodytext: String,
    pub weight: i64,
    pub status: i64,
}

/// A prefix or language as NukeViet names them: lower-case letters, digits and `_` (they
/// become part of table names, so nothing else is let through).
fn check_name(what: &str, name: &str) -> Result<(), MoveError> {
    let fine = !name.is_empty()
        && name.len() <= 32
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if fine {
        Ok(())
    } else {
        Err(MoveError::Input(format!(
            "{what} `{name}` is not a NukeViet {what} (lower-case letters, digits and _)"
        )))
    }
}

impl Site {
    /// Opens the site at `url` (`mysql://user:password@host:port/database`) read-only and
    /// checks that it holds NukeViet's news module under `prefix` and `lang`.
    pub async fn open(url: &str, prefix: &str, lang: &str) -> Result<Self, MoveError> {
        check_name("prefix", prefix)?;
        check_name("language", lang)?;
        let not_mysql = |reason: String| {
            MoveError::Input(format!(
                "`{}` is not a MySQL address (mysql://user:password@host:port/database): {reason}",
                redacted(url)
            ))
        };
        let scheme = url.split_once("://").map(|(scheme, _)| scheme);
        if !matches!(scheme, Some("mysql" | "mariadb")) {
            return Err(not_mysql("it must start with mysql://".into()));
        }
        let options =
            MySqlConnectOptions::from_str(url).map_err(|error| not_mysql(error.to_string()))?;
        let pool = MySqlPoolOptions::new()
            .max_connections(2)
            .after_connect(|conn, _| {
                Box::pin(async move {
                    // The move only reads: a session that cannot write, whatever the
                    // account may do.
                    conn.execute("SET SESSION TRANSACTION READ ONLY").await?;
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(|error| MoveError::Input(connect_failure(url, &error)))?;
        let site = Self {
            pool,
            prefix: prefix.to_owned(),
            lang: lang.to_owned(),
        };
        site.check_tables().await?;
        Ok(site)
    }

    /// The site's language (`vi`), as its addresses name it.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    fn table(&self, name: &str) -> String {
        format!("`{}_{}_{name}`", self.prefix, self.lang)
    }

    async fn has_table(&self, name: &str) -> Result<bool, sqlx::Error> {
        let full = format!("{}_{}_{name}", self.prefix, self.lang);
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM information_schema.tables
             WHERE table_schema = DATABASE() AND table_name = ?",
        )
        .bind(full)
        .fetch_one(&self.pool)
        .await
        .map(|n| n > 0)
    }

    async fn check_tables(&self) -> Result<(), MoveError> {
        let mut missing = Vec::new();
        for table in ["news_cat", "news_rows", "news_detail"] {
            if !self.has_table(table).await? {
                missing.push(format!("{}_{}_{table}", self.prefix, self.lang));
            }
        }
        if missing.is_empty() {
            return Ok(());
        }
        let found: Vec<String> = sqlx::query_scalar(
            "SELECT table_name FROM information_schema.tables
             WHERE table_schema = DATABASE() AND table_name LIKE '%\\_news\\_rows'",
        )
        .fetch_all(&self.pool)
        .await?;
        let hint = if found.is_empty() {
            "it holds no NukeViet news module".to_owned()
        } else {
            format!("it has {}: check --prefix and --lang", found.join(", "))
        };
        Err(MoveError::Input(format!(
            "this database is not a NukeViet site with prefix `{}` and language `{}` \
             (missing {}); {hint}",
            self.prefix,
            self.lang,
            missing.join(", ")
        )))
    }

    pub async fn categories(&self) -> Result<Vec<CategoryRow>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT CAST(catid AS SIGNED) AS catid, CAST(parentid AS SIGNED) AS parentid,
                    title, alias, CAST(weight AS SIGNED) AS weight, CAST(sort AS SIGNED) AS sort
             FROM {} ORDER BY sort, weight, catid",
            self.table("news_cat")
        ))
        .fetch_all(&self.pool)
        .await
    }

    pub async fn article_count(&self) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {}", self.table("news_rows")))
            .fetch_one(&self.pool)
            .await
    }

    /// Up to [`PAGE`] articles after id `after`, by id, with their bodies.
    pub async fn articles_after(&self, after: i64) -> Result<Vec<ArticleRow>, sqlx::Error> {
        let sources = if self.has_table("news_sources").await? {
            format!(
                "(SELECT s.title FROM {} s WHERE s.sourceid = r.sourceid)",
                self.table("news_sources")
            )
        } else {
            "NULL".to_owned()
        };
        sqlx::query_as(&format!(
            "SELECT CAST(r.id AS SIGNED) AS id, CAST(r.catid AS SIGNED) AS catid, r.author,
                    {sources} AS source_title,
                    CAST(r.edittime AS SIGNED) AS edittime, CAST(r.status AS SIGNED) AS status,
                    CAST(r.publtime AS SIGNED) AS publtime, CAST(r.exptime AS SIGNED) AS exptime,
                    r.title, r.alias, r.hometext, r.homeimgfile, r.homeimgalt,
                    CAST(r.homeimgthumb AS SIGNED) AS homeimgthumb,
                    CAST(r.allowed_rating AS SIGNED) AS allowed_rating,
                    CAST(r.hitstotal AS SIGNED) AS hitstotal,
                    CAST(r.total_rating AS SIGNED) AS total_rating,
                    CAST(r.click_rating AS SIGNED) AS click_rating,
                    d.bodyhtml, d.sourcetext, d.files
             FROM {} r LEFT JOIN {} d ON d.id = r.id
             WHERE r.id > ? ORDER BY r.id LIMIT ?",
            self.table("news_rows"),
            self.table("news_detail"),
        ))
        .bind(after)
        .bind(PAGE)
        .fetch_all(&self.pool)
        .await
    }

    /// The tags (keywords) of articles `ids`, by article.
    pub async fn tags_of(&self, ids: &[i64]) -> Result<HashMap<i64, Vec<String>>, sqlx::Error> {
        let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
        if ids.is_empty() || !self.has_table("news_tags_id").await? {
            return Ok(tags);
        }
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let rows: Vec<(i64, String)> = sqlx::query_as(&format!(
            "SELECT CAST(id AS SIGNED), keyword FROM {} WHERE id IN ({list}) ORDER BY id, tid",
            self.table("news_tags_id")
        ))
        .fetch_all(&self.pool)
        .await?;
        for (id, keyword) in rows {
            tags.entry(id).or_default().push(keyword);
        }
        Ok(tags)
    }

    /// The polls and their options; `None` when the voting module is not installed.
    pub async fn polls(&self) -> Result<Option<(Vec<PollRow>, Vec<PollOptionRow>)>, sqlx::Error> {
        if !self.has_table("voting").await? || !self.has_table("voting_rows").await? {
            return Ok(None);
        }
        let polls = sqlx::query_as(&format!(
            "SELECT CAST(vid AS SIGNED) AS vid, question, link,
                    CAST(acceptcm AS SIGNED) AS acceptcm, CAST(publ_time AS SIGNED) AS publ_time,
                    CAST(exp_time AS SIGNED) AS exp_time, CAST(act AS SIGNED) AS act
             FROM {} ORDER BY vid",
            self.table("voting")
        ))
        .fetch_all(&self.pool)
        .await?;
        let options = sqlx::query_as(&format!(
            "SELECT CAST(id AS SIGNED) AS id, CAST(vid AS SIGNED) AS vid, title, url,
                    CAST(hitstotal AS SIGNED) AS hitstotal
             FROM {} ORDER BY vid, id",
            self.table("voting_rows")
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok(Some((polls, options)))
    }

    /// The linked websites with their group's title, in the groups' order; `None` when the
    /// weblinks module is not installed.
    pub async fn weblinks(&self) -> Result<Option<Vec<WeblinkRow>>, sqlx::Error> {
        if !self.has_table("weblinks_rows").await? || !self.has_table("weblinks_cat").await? {
            return Ok(None);
        }
        sqlx::query_as(&format!(
            "SELECT CAST(r.id AS SIGNED) AS id, c.title AS group_title, r.title, r.url,
                    CAST(r.hits_total AS SIGNED) AS hits_total, CAST(r.status AS SIGNED) AS status
             FROM {} r LEFT JOIN {} c ON c.catid = r.catid
             ORDER BY c.weight, c.catid, r.id",
            self.table("weblinks_rows"),
            self.table("weblinks_cat"),
        ))
        .fetch_all(&self.pool)
        .await
        .map(Some)
    }

    /// The modules installed from NukeViet's module `file` (`page`, `organs`); none when
    /// the site has no modules table.
    pub async fn modules(&self, file: &str) -> Result<Vec<Module>, sqlx::Error> {
        if !self.has_table("modules").await? {
            return Ok(Vec::new());
        }
        sqlx::query_as(&format!(
            "SELECT title, module_data, module_upload FROM {}
             WHERE module_file = ? ORDER BY weight, title",
            self.table("modules")
        ))
        .bind(file)
        .fetch_all(&self.pool)
        .await
    }

    /// Whether `module`'s table `suffix` (`""`, `_rows` …) is there; `Err` when its name
    /// is not one NukeViet makes (it becomes part of a query).
    async fn has_module_table(&self, module: &Module, suffix: &str) -> Result<bool, MoveError> {
        check_name("module", &module.module_data)?;
        Ok(self
            .has_table(&format!("{}{suffix}", module.module_data))
            .await?)
    }

    /// The pages of `module`, in its order; `None` when its table is missing.
    pub async fn pages_of(&self, module: &Module) -> Result<Option<Vec<PageRow>>, MoveError> {
        if !self.has_module_table(module, "").await? {
            return Ok(None);
        }
        let rows = sqlx::query_as(&format!(
            "SELECT CAST(id AS SIGNED) AS id, title, alias, description, bodytext,
                    CAST(weight AS SIGNED) AS weight, CAST(status AS SIGNED) AS status
             FROM {} ORDER BY weight, id",
            self.table(&module.module_data)
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok(Some(rows))
    }

    /// The units and people of an organs `module`, each in its order; `None` when its
    /// tables are missing.
    pub async fn organs_of(
        &self,
        module: &Module,
    ) -> Result<Option<(Vec<OrganRow>, Vec<OrganPersonRow>)>, MoveError> {
        if !self.has_module_table(module, "_rows").await?
            || !self.has_module_table(module, "_person").await?
        {
            return Ok(None);
        }
        let units = sqlx::query_as(&format!(
            "SELECT CAST(organid AS SIGNED) AS organid, CAST(parentid AS SIGNED) AS parentid,
                    title, address, email, phone, fax, CAST(weight AS SIGNED) AS weight,
                    CAST(active AS SIGNED) AS active
             FROM {} ORDER BY weight, organid",
            self.table(&format!("{}_rows", module.module_data))
        ))
        .fetch_all(&self.pool)
        .await?;
        let people = sqlx::query_as(&format!(
            "SELECT CAST(personid AS SIGNED) AS personid, CAST(organid AS SIGNED) AS organid,
                    name, photo, mobile, phone, email, position, CAST(weight AS SIGNED) AS weight,
                    CAST(active AS SIGNED) AS active
             FROM {} ORDER BY organid, weight, personid",
            self.table(&format!("{}_person", module.module_data))
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok(Some((units, people)))
    }

    pub async fn close(self) {
        self.pool.close().await;
    }
}

/// `url` with its password hidden, for messages.
fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// What a failed connection means, in the IT officer's words.
fn connect_failure(url: &str, error: &sqlx::Error) -> String {
    let site = redacted(url);
    let reason = match error.as_database_error().and_then(|e| e.code()) {
        Some(code) if code == "28000" => "the user name or password is wrong".to_owned(),
        Some(code) if code == "42000" => {
            "the database does not exist, or the user may not read it".to_owned()
        }
        _ => error.to_string(),
    };
    format!("cannot read the NukeViet database at {site}: {reason}")
}
