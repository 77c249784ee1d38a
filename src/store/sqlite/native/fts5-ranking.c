/*
 * bm25_given_df(fts_table, df_blob, top_k, weight_0, weight_1, ...): FTS5's bm25() with the
 * document frequency of each query phrase supplied by the caller, so no query walks the phrases'
 * whole doclists to count them (bm25() does, once per query: at a million papers a common word
 * costs 20 to 50 ms before the first row is ranked). Same formula, constants and column weights as
 * bm25(), so the scores are equal when the supplied frequencies are exact (ADR 0017).
 *
 * df_blob holds one native-endian double per phrase of the MATCH expression, in the expression's
 * order. When it is NULL or does not hold one value per phrase, the frequencies are counted as
 * bm25() counts them: a wrong blob costs time, never a wrong score.
 *
 * top_k > 0 says only the top_k best scores of the query will be used, and the function returns
 * NULL for a row that cannot be among them (ADR 0023). It keeps the best top_k scores seen so far;
 * their lowest can only rise, so it is never above the final top_k-th best score, and a row scoring
 * below it is out whatever the order the rows come in. Reading a row's length is most of the
 * per-row cost (a lookup in the docsize table), and a shorter row only scores higher: each matched
 * instance's token offset says its column holds at least that many tokens, so the score at that
 * shortest possible length bounds the real one, and a row whose bound is already below the lowest
 * kept score is out without its length being read. So the top_k rows and their scores are exact,
 * and only they (and rows tied with the lowest kept score when they came) are not NULL.
 */
#include <math.h>
#include <string.h>

#include "fts5-search.h"

typedef struct RankingData RankingData;
struct RankingData {
  int nPhrase;
  double avgdl;
  double *aIDF;
  double *aFreq;
  int nTop;     /* Capacity of aTop: the top_k argument (0: every score exact) */
  int nTopUsed; /* Scores in aTop, a min-heap of the best scores so far */
  double *aTop;
  int nCol;
  int *aColEnd; /* Per column: one past the last matched token offset of the current row */
};

static int countRow(const Fts5ExtensionApi *pApi, Fts5Context *pFts, void *pUserData) {
  (void)pApi;
  (void)pFts;
  (*(sqlite3_int64 *)pUserData)++;
  return SQLITE_OK;
}

/* As fts5Bm25GetData in fts5_aux.c, with the phrase counts read from the blob when it fits. */
static int rankingData(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_value *pDf,
                       int nTop, RankingData **ppData) {
  int rc = SQLITE_OK;
  RankingData *p = (RankingData *)pApi->xGetAuxdata(pFts, 0);
  if (p == 0) {
    int nPhrase = pApi->xPhraseCount(pFts);
    int nCol = pApi->xColumnCount(pFts);
    sqlite3_int64 nRow = 0;
    sqlite3_int64 nToken = 0;
    int i;
    const double *aDf = 0;
    if (pDf != 0 && sqlite3_value_type(pDf) == SQLITE_BLOB &&
        sqlite3_value_bytes(pDf) == (int)(nPhrase * sizeof(double))) {
      aDf = (const double *)sqlite3_value_blob(pDf);
    }
    sqlite3_int64 nByte = sizeof(RankingData) + (nPhrase * 2 + nTop) * sizeof(double) + nCol * sizeof(int);
    p = (RankingData *)sqlite3_malloc64(nByte);
    if (p == 0) return SQLITE_NOMEM;
    memset(p, 0, nByte);
    p->nPhrase = nPhrase;
    p->aIDF = (double *)&p[1];
    p->aFreq = &p->aIDF[nPhrase];
    p->nTop = nTop;
    p->aTop = &p->aFreq[nPhrase];
    p->nCol = nCol;
    p->aColEnd = (int *)&p->aTop[nTop];

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

/* Adds a score to the min-heap of the best nTop scores. */
static void keepIfTop(RankingData *p, double score) {
  int i;
  if (p->nTopUsed < p->nTop) {
    i = p->nTopUsed++;
    while (i > 0 && p->aTop[(i - 1) / 2] > score) {
      p->aTop[i] = p->aTop[(i - 1) / 2];
      i = (i - 1) / 2;
    }
    p->aTop[i] = score;
  } else if (score > p->aTop[0]) {
    i = 0;
    for (;;) {
      int child = 2 * i + 1;
      if (child >= p->nTop) break;
      if (child + 1 < p->nTop && p->aTop[child + 1] < p->aTop[child]) child++;
      if (p->aTop[child] >= score) break;
      p->aTop[i] = p->aTop[child];
      i = child;
    }
    p->aTop[i] = score;
  }
}

/* Sum over phrases of IDF times the saturated frequency, for a row of D tokens. */
static double bm25Score(const RankingData *p, double D) {
  const double k1 = 1.2;
  const double b = 0.75;
  double score = 0.0;
  int i;
  for (i = 0; i < p->nPhrase; i++) {
    score += p->aIDF[i] * ((p->aFreq[i] * (k1 + 1.0)) / (p->aFreq[i] + k1 * (1 - b + b * D / p->avgdl)));
  }
  return score;
}

static void bm25GivenDf(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_context *pCtx,
                        int nVal, sqlite3_value **apVal) {
  int i;
  RankingData *pData = 0;
  int nTop = nVal > 1 ? sqlite3_value_int(apVal[1]) : 0;
  int rc = rankingData(pApi, pFts, nVal > 0 ? apVal[0] : 0, nTop > 0 && nTop <= 10000 ? nTop : 0, &pData);
  if (rc == SQLITE_OK) {
    memset(pData->aColEnd, 0, sizeof(int) * pData->nCol);
  }
  for (i = 0; rc == SQLITE_OK && i < pData->nPhrase; i++) {
    Fts5PhraseIter iter;
    int ic, io;
    double freq = 0.0;
    rc = pApi->xPhraseFirst(pFts, i, &iter, &ic, &io);
    for (; rc == SQLITE_OK && ic >= 0; pApi->xPhraseNext(pFts, &iter, &ic, &io)) {
      /* Column weights follow the blob, as bm25()'s follow the table. */
      freq += (nVal > ic + 2) ? sqlite3_value_double(apVal[ic + 2]) : 1.0;
      if (ic < pData->nCol && io >= pData->aColEnd[ic]) pData->aColEnd[ic] = io + 1;
    }
    pData->aFreq[i] = freq;
  }
  if (rc == SQLITE_OK && pData->nTop > 0 && pData->nTopUsed == pData->nTop) {
    int nShortest = 0;
    for (i = 0; i < pData->nCol; i++) nShortest += pData->aColEnd[i];
    if (bm25Score(pData, (double)nShortest) < pData->aTop[0]) {
      sqlite3_result_null(pCtx);
      return;
    }
  }
  if (rc == SQLITE_OK) {
    int nTok;
    rc = pApi->xColumnSize(pFts, -1, &nTok);
    if (rc == SQLITE_OK) {
      double score = bm25Score(pData, (double)nTok);
      if (pData->nTop == 0) {
        sqlite3_result_double(pCtx, -1.0 * score);
      } else if (pData->nTopUsed < pData->nTop || score >= pData->aTop[0]) {
        keepIfTop(pData, score);
        sqlite3_result_double(pCtx, -1.0 * score);
      } else {
        sqlite3_result_null(pCtx);
      }
    }
  }
  if (rc != SQLITE_OK) sqlite3_result_error_code(pCtx, rc);
}

int registerRanking(fts5_api *pApi) {
  return pApi->xCreateFunction(pApi, "bm25_given_df", 0, bm25GivenDf, 0);
}
