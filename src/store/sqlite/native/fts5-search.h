/* The parts of the search extension (fts5-search.c), each registering itself with FTS5. */
#ifndef PAPERPULSE_FTS5_SEARCH_H
#define PAPERPULSE_FTS5_SEARCH_H

#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3

/* bm25_given_df (fts5-ranking.c, ADR 0017). */
int registerRanking(fts5_api *pApi);

/* The porter tokenizer with a cache of stems (fts5-porter-cache.c, ADR 0026). */
int registerPorterCache(fts5_api *pApi);

#endif
