import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { sendPageError } from "../error-handler.js";
import { collectionCreate } from "./collection-create.js";
import { collectionDelete } from "./collection-delete.js";
import { collectionExport } from "./collection-export.js";
import { collectionItems } from "./collection-items.js";
import { collectionRename } from "./collection-rename.js";
import { collectionShow } from "./collection-show.js";
import { collectionVisibility } from "./collection-visibility.js";
import { collectionsShow } from "./collections-show.js";
import type { CollectionPageDeps } from "./deps.js";
import {
  collectionCreateSchema,
  collectionDeleteSchema,
  collectionItemsSchema,
  collectionRenameSchema,
  collectionShowSchema,
  collectionsShowSchema,
  collectionVisibilitySchema,
} from "./schemas.js";

/** Collections' pages: my lists, one list (public address), and the forms that change them. */
export const collectionPageRoutes: FastifyPluginAsyncTypebox<CollectionPageDeps> = async (app, deps) => {
  app.setErrorHandler(sendPageError);

  app.get("/collections", { schema: collectionsShowSchema }, collectionsShow(deps));
  app.post("/collections", { schema: collectionCreateSchema }, collectionCreate(deps));
  app.get("/collections/:id", { schema: collectionShowSchema }, collectionShow(deps));
  app.get("/collections/:id/citations.bib", { schema: collectionShowSchema }, collectionExport("bib", deps));
  app.get(
    "/collections/:id/citations.csl.json",
    { schema: collectionShowSchema },
    collectionExport("csl.json", deps),
  );
  app.post("/collections/:id/items", { schema: collectionItemsSchema }, collectionItems(deps));
  app.post("/collections/:id/visibility", { schema: collectionVisibilitySchema }, collectionVisibility(deps));
  app.post("/collections/:id/rename", { schema: collectionRenameSchema }, collectionRename(deps));
  app.post("/collections/:id/delete", { schema: collectionDeleteSchema }, collectionDelete(deps));
};
