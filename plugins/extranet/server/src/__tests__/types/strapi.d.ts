// What Stryker's TypeScript checker sees of Strapi (tsconfig.stryker.json): the pure modules use
// only its types, and the whole of Strapi's declarations made every mutant check take seconds.
export namespace Core {
  type Strapi = any;
}
