/*
 * bm25_given_df(fts_table, df_blob, weight_0, weight_1, ...): FTS5's bm25() with the document
 * frequency of each query phrase supplied by the caller, so no query walks the phrases' whole
 * doclists to count them (bm25() does, once per query: at a million papers a common word costs
 * 20 to 50 ms before the first row is ranked). Same formula, constants and column weights as
 * bm25(), so the scores are equal when the supplied frequencies are exact (ADR 0017).
 *
 * df_blob holds one native-endian double per phrase of the MATCH expression, in the expression's
 * order. When it is NULL or does not hold one value per phrase, the frequencies are counted as
 * bm25() counts them: a wrong blob costs time, never a wrong score.
 */
#include <math.h>
#include <string.h>

#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1

typedef struct RankingData RankingData;
struct RankingData {
  int nPhrase;
  double avgdl;
  double *aIDF;
  double *aFreq;
};

static int countRow(const Fts5ExtensionApi *pApi, Fts5Context *pFts, void *pUserData) {
  (void)pApi;
  (void)pFts;
  (*(sqlite3_int64 *)pUserData)++;
  return SQLITE_OK;
}

/* As fts5Bm25GetData in fts5_aux.c, with the phrase counts read from the blob when it fits. */
static int rankingData(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_value *pDf,
                       RankingData **ppData) {
  int rc = SQLITE_OK;
  RankingData *p = (RankingData *)pApi->xGetAuxdata(pFts, 0);
  if (p == 0) {
    int nPhrase = pApi->xPhraseCount(pFts);
    sqlite3_int64 nRow = 0;
    sqlite3_int64 nToken = 0;
    int i;
    const double *aDf = 0;
    if (pDf != 0 && sqlite3_value_type(pDf) == SQLITE_BLOB &&
        sqlite3_value_bytes(pDf) == (int)(nPhrase * sizeof(double))) {
      aDf = (const double *)sqlite3_value_blob(pDf);
    }
    p = (RankingData *)sqlite3_malloc64(sizeof(RankingData) + nPhrase * 2 * sizeof(double));
    if (p == 0) return SQLITE_NOMEM;
    memset(p, 0, sizeof(RankingData) + nPhrase * 2 * sizeof(double));
    p->nPhrase = nPhrase;
    p->aIDF = (double *)&p[1];
    p->aFreq = &p->aIDF[nPhrase];

    rc = pApi->xRowCount(pFts, &nRow);
    if (rc == SQLITE_OK) rc = pApi->xColumnTotalSize(pFts, -1, &nToken);
    if (rc == SQLITE_OK) p->avgdl = (double)nToken / (double)nRow;

    for (i = 0; rc == SQLITE_OK && i < nPhrase; i++) {
      double nHit = 0;
      if (aDf != 0) {
        memcpy(&nHit, &aDf[i], sizeof(double));
      } else {
        sqlite3_int64 counted = 0;
        rc = pApi->xQueryPhrase(pFts, i, (void *)&counted, countRow);
        nHit = (double)counted;
      }
      if (rc == SQLITE_OK) {
        double idf = log(((double)nRow - nHit + 0.5) / (nHit + 0.5));
        if (idf <= 0.0) idf = 1e-6;
        p->aIDF[i] = idf;
      }
    }

    if (rc != SQLITE_OK) {
      sqlite3_free(p);
      return rc;
    }
    rc = pApi->xSetAuxdata(pFts, p, sqlite3_free);
    if (rc != SQLITE_OK) return rc;
  }
  *ppData = p;
  return rc;
}

static void bm25GivenDf(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_context *pCtx,
                        int nVal, sqlite3_value **apVal) {
  const double k1 = 1.2;
  const double b = 0.75;
  double score = 0.0;
  double D = 0.0;
  int nInst = 0;
  int i;
  RankingData *pData = 0;
  int rc = rankingData(pApi, pFts, nVal > 0 ? apVal[0] : 0, &pData);
  if (rc == SQLITE_OK) {
    memset(pData->aFreq, 0, sizeof(double) * pData->nPhrase);
    rc = pApi->xInstCount(pFts, &nInst);
  }
  for (i = 0; rc == SQLITE_OK && i < nInst; i++) {
    int ip, ic, io;
    rc = pApi->xInst(pFts, i, &ip, &ic, &io);
    if (rc == SQLITE_OK) {
      /* Column weights follow the blob, as bm25()'s follow the table. */
      double w = (nVal > ic + 1) ? sqlite3_value_double(apVal[ic + 1]) : 1.0;
      pData->aFreq[ip] += w;
    }
  }
  if (rc == SQLITE_OK) {
    int nTok;
    rc = pApi->xColumnSize(pFts, -1, &nTok);
    D = (double)nTok;
  }
  if (rc == SQLITE_OK) {
    for (i = 0; i < pData->nPhrase; i++) {
      score += pData->aIDF[i] * ((pData->aFreq[i] * (k1 + 1.0)) /
                                 (pData->aFreq[i] + k1 * (1 - b + b * D / pData->avgdl)));
    }
    sqlite3_result_double(pCtx, -1.0 * score);
  } else {
    sqlite3_result_error_code(pCtx, rc);
  }
}

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
int sqlite3_ftsranking_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApiRoutines) {
  SQLITE_EXTENSION_INIT2(pApiRoutines);
  fts5_api *pApi = fts5Api(db);
  if (pApi == 0 || pApi->iVersion < 2) {
    *pzErrMsg = sqlite3_mprintf("fts5-ranking: this SQLite has no FTS5");
    return SQLITE_ERROR;
  }
  return pApi->xCreateFunction(pApi, "bm25_given_df", 0, bm25GivenDf, 0);
}
