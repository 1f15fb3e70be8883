// What Stryker's TypeScript checker sees of Strapi (tsconfig.stryker.json): the pure modules use
// only its types, and the whole of Strapi's declarations made every mutant check take seconds.
// The query engine's methods answer `Promise<any>` (not `any`): a value read through `asSystem`
// is then `any`, as with Strapi's own declarations, not `unknown`.
export namespace UID {
  type Schema = string;
}
export namespace Core {
  interface Strapi {
    db: { query(uid: string): { [method: string]: (...args: any[]) => Promise<any> }; [key: string]: any };
    [key: string]: any;
  }
}
