/*
 * "porter", registered over FTS5's own: the same tokens, with the stems of frequent words remembered
 * (ADR 0026). Stemming each word of an abstract anew took a fifth of a bulk load's index thread; most
 * words are among a few thousand, so each instance keeps a direct-mapped cache of word -> stem for the
 * documents it tokenizes, and asks FTS5's own porter stemmer for any word not in it. That stemmer
 * gets exactly the word's bytes (through "paperpulse_whole", a tokenizer that hands over its whole
 * input as one token), so every token is FTS5's porter's: an index written with or without this
 * extension is the same, byte for byte, and tables keep their `tokenize = 'porter …'` definition.
 */
#include <string.h>

#include "fts5-search.h"

/* As FTS5's porter: shorter and longer tokens pass through unstemmed. */
#define PORTER_MIN_TOKEN 3
#define PORTER_MAX_TOKEN 64
/*
 * A cached word is held as its length and two 8-byte loads (its first and last bytes, overlapping when
 * it is shorter than 16), which say exactly which word it is: a look-up compares two integers. Longer
 * words, and stems longer than a slot holds, are stemmed every time; few words are.
 */
#define CACHED_MAX_TOKEN 16
#define CACHED_MAX_STEM 14
/* 512 KB per instance, so the slots stay in the core's cache beside FTS5's own term hash. */
#define CACHE_SLOTS 16384
#define CACHE_SLOT_BITS 14

typedef struct CachedStem CachedStem;
struct CachedStem {
  sqlite3_uint64 head;
  sqlite3_uint64 tail;
  unsigned char nToken; /* 0: an empty slot */
  unsigned char nStem;
  char aStem[CACHED_MAX_STEM];
};

/* Per connection: FTS5's porter, found before this one replaced it. */
typedef struct PorterModule PorterModule;
struct PorterModule {
  fts5_api *pApi;
  fts5_tokenizer_v2 porter;
  void *pPorterData;
};

typedef struct PorterCache PorterCache;
struct PorterCache {
  fts5_tokenizer_v2 parent; /* The tokenizer porter wraps (unicode61 by default) */
  Fts5Tokenizer *pParent;
  fts5_tokenizer_v2 porter; /* FTS5's porter over "paperpulse_whole": stems one word */
  Fts5Tokenizer *pStemmer;
  CachedStem *aCache;       /* Allocated on the first document: query tokenizing does not need it */
};

typedef struct TokenizeCall TokenizeCall;
struct TokenizeCall {
  PorterCache *p;
  CachedStem *aCache; /* 0: no cache for this call */
  void *pCtx;
  int (*xToken)(void *, int, const char *, int, int, int);
};

typedef struct Stem Stem;
struct Stem {
  char aStem[PORTER_MAX_TOKEN + 2];
  int nStem;
  int nToken;
};

static int wholeCreate(void *pCtx, const char **azArg, int nArg, Fts5Tokenizer **ppOut) {
  (void)pCtx;
  (void)azArg;
  (void)nArg;
  /* FTS5 takes a null instance for a failed create; this tokenizer has no state to point to. */
  static char instance;
  *ppOut = (Fts5Tokenizer *)&instance;
  return SQLITE_OK;
}

static void wholeDelete(Fts5Tokenizer *pTok) { (void)pTok; }

static int wholeTokenize(Fts5Tokenizer *pTok, void *pCtx, int flags, const char *pText, int nText,
                         const char *pLocale, int nLocale,
                         int (*xToken)(void *, int, const char *, int, int, int)) {
  (void)pTok;
  (void)flags;
  (void)pLocale;
  (void)nLocale;
  return xToken(pCtx, 0, pText, nText, 0, nText);
}

static int keepStem(void *pCtx, int tflags, const char *pToken, int nToken, int iStart, int iEnd) {
  Stem *pStem = (Stem *)pCtx;
  (void)tflags;
  (void)iStart;
  (void)iEnd;
  if (nToken > (int)sizeof(pStem->aStem)) return SQLITE_ERROR;
  memcpy(pStem->aStem, pToken, nToken);
  pStem->nStem = nToken;
  pStem->nToken++;
  return SQLITE_OK;
}

static sqlite3_uint64 load64(const char *z) {
  sqlite3_uint64 v;
  memcpy(&v, z, 8);
  return v;
}

static sqlite3_uint64 load32(const char *z) {
  unsigned int v;
  memcpy(&v, z, 4);
  return v;
}

static int stemToken(void *pCtx, int tflags, const char *pToken, int nToken, int iStart, int iEnd) {
  TokenizeCall *pCall = (TokenizeCall *)pCtx;
  if (nToken < PORTER_MIN_TOKEN || nToken > PORTER_MAX_TOKEN) {
    return pCall->xToken(pCall->pCtx, tflags, pToken, nToken, iStart, iEnd);
  }
  CachedStem *pSlot = 0;
  sqlite3_uint64 head = 0;
  sqlite3_uint64 tail = 0;
  if (pCall->aCache != 0 && nToken <= CACHED_MAX_TOKEN) {
    if (nToken >= 8) {
      head = load64(pToken);
      tail = load64(pToken + nToken - 8);
    } else if (nToken >= 4) {
      head = load32(pToken);
      tail = load32(pToken + nToken - 4);
    } else {
      head = (unsigned char)pToken[0] | (unsigned char)pToken[1] << 8 | (unsigned char)pToken[2] << 16;
    }
    sqlite3_uint64 h = (head * 0x9E3779B97F4A7C15ull) ^ (tail * 0xC2B2AE3D27D4EB4Full) ^ (sqlite3_uint64)nToken;
    pSlot = &pCall->aCache[(h * 0x9E3779B97F4A7C15ull) >> (64 - CACHE_SLOT_BITS)];
    if (pSlot->nToken == nToken && pSlot->head == head && pSlot->tail == tail) {
      return pCall->xToken(pCall->pCtx, tflags, pSlot->aStem, pSlot->nStem, iStart, iEnd);
    }
  }
  PorterCache *p = pCall->p;
  Stem stem;
  stem.nStem = 0;
  stem.nToken = 0;
  int rc = p->porter.xTokenize(p->pStemmer, &stem, FTS5_TOKENIZE_DOCUMENT, pToken, nToken, 0, 0, keepStem);
  if (rc != SQLITE_OK) return rc;
  if (stem.nToken != 1) return SQLITE_ERROR;
  if (pSlot != 0 && stem.nStem <= CACHED_MAX_STEM) {
    pSlot->head = head;
    pSlot->tail = tail;
    pSlot->nToken = (unsigned char)nToken;
    pSlot->nStem = (unsigned char)stem.nStem;
    memcpy(pSlot->aStem, stem.aStem, stem.nStem);
  }
  return pCall->xToken(pCall->pCtx, tflags, stem.aStem, stem.nStem, iStart, iEnd);
}

static void porterCacheDelete(Fts5Tokenizer *pTok) {
  PorterCache *p = (PorterCache *)pTok;
  if (p == 0) return;
  if (p->pParent) p->parent.xDelete(p->pParent);
  if (p->pStemmer) p->porter.xDelete(p->pStemmer);
  sqlite3_free(p->aCache);
  sqlite3_free(p);
}

/* Arguments as FTS5's porter takes them: the parent tokenizer's name (unicode61 by default) and its own. */
static int porterCacheCreate(void *pCtx, const char **azArg, int nArg, Fts5Tokenizer **ppOut) {
  PorterModule *pModule = (PorterModule *)pCtx;
  PorterCache *p = (PorterCache *)sqlite3_malloc64(sizeof(PorterCache));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(PorterCache));
  fts5_tokenizer_v2 *pParent = 0;
  void *pParentData = 0;
  int rc = pModule->pApi->xFindTokenizer_v2(pModule->pApi, nArg > 0 ? azArg[0] : "unicode61", &pParentData,
                                            &pParent);
  if (rc == SQLITE_OK) {
    p->parent = *pParent;
    rc = p->parent.xCreate(pParentData, nArg > 0 ? &azArg[1] : 0, nArg > 0 ? nArg - 1 : 0, &p->pParent);
  }
  if (rc == SQLITE_OK) {
    const char *azWhole[] = {"paperpulse_whole"};
    p->porter = pModule->porter;
    rc = p->porter.xCreate(pModule->pPorterData, azWhole, 1, &p->pStemmer);
  }
  if (rc != SQLITE_OK) {
    porterCacheDelete((Fts5Tokenizer *)p);
    p = 0;
  }
  *ppOut = (Fts5Tokenizer *)p;
  return rc;
}

static int porterCacheTokenize(Fts5Tokenizer *pTok, void *pCtx, int flags, const char *pText, int nText,
                               const char *pLocale, int nLocale,
                               int (*xToken)(void *, int, const char *, int, int, int)) {
  PorterCache *p = (PorterCache *)pTok;
  if (p->aCache == 0 && (flags & FTS5_TOKENIZE_DOCUMENT)) {
    p->aCache = (CachedStem *)sqlite3_malloc64(sizeof(CachedStem) * CACHE_SLOTS);
    if (p->aCache != 0) memset(p->aCache, 0, sizeof(CachedStem) * CACHE_SLOTS);
  }
  TokenizeCall call = {p, p->aCache, pCtx, xToken};
  return p->parent.xTokenize(p->pParent, &call, flags, pText, nText, pLocale, nLocale, stemToken);
}

int registerPorterCache(fts5_api *pApi) {
  static fts5_tokenizer_v2 whole = {2, wholeCreate, wholeDelete, wholeTokenize};
  static fts5_tokenizer_v2 cached = {2, porterCacheCreate, porterCacheDelete, porterCacheTokenize};
  fts5_tokenizer_v2 *pPorter = 0;
  void *pPorterData = 0;
  int rc = pApi->xFindTokenizer_v2(pApi, "porter", &pPorterData, &pPorter);
  if (rc != SQLITE_OK) return rc;
  PorterModule *pModule = (PorterModule *)sqlite3_malloc64(sizeof(PorterModule));
  if (pModule == 0) return SQLITE_NOMEM;
  if (pPorter->xCreate == porterCacheCreate) {
    /* Loaded twice into one connection: keep stemming with FTS5's porter, not with this one. */
    *pModule = *(PorterModule *)pPorterData;
  } else {
    pModule->pApi = pApi;
    pModule->porter = *pPorter;
    pModule->pPorterData = pPorterData;
  }
  rc = pApi->xCreateTokenizer_v2(pApi, "paperpulse_whole", 0, &whole, 0);
  if (rc != SQLITE_OK) {
    sqlite3_free(pModule);
    return rc;
  }
  rc = pApi->xCreateTokenizer_v2(pApi, "porter", pModule, &cached, sqlite3_free);
  if (rc != SQLITE_OK) sqlite3_free(pModule);
  return rc;
}
