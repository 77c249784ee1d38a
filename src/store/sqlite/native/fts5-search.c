/*
 * The search extension the SQLite store loads into each connection: FTS5's bm25() with document
 * frequencies given by the caller (fts5-ranking.c, ADR 0017) and a porter tokenizer that remembers
 * the stems of frequent words (fts5-porter-cache.c, ADR 0026). `npm install` compiles it.
 */
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1

#include "fts5-search.h"

static fts5_api *fts5Api(sqlite3 *db) {
  fts5_api *pApi = 0;
  sqlite3_stmt *pStmt = 0;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &pStmt, 0) == SQLITE_OK) {
    sqlite3_bind_pointer(pStmt, 1, (void *)&pApi, "fts5_api_ptr", 0);
    sqlite3_step(pStmt);
  }
  sqlite3_finalize(pStmt);
  return pApi;
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_ftssearch_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApiRoutines) {
  SQLITE_EXTENSION_INIT2(pApiRoutines);
  fts5_api *pApi = fts5Api(db);
  if (pApi == 0 || pApi->iVersion < 3) {
    *pzErrMsg = sqlite3_mprintf("fts5-search: this SQLite has no FTS5 with version 2 tokenizers");
    return SQLITE_ERROR;
  }
  int rc = registerRanking(pApi);
  if (rc == SQLITE_OK) rc = registerPorterCache(pApi);
  return rc;
}
