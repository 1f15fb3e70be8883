/** The plugin's services, as the admin controllers call them (the same ones as the content API). */
export const service = (name: string) => strapi.plugin('extranet').service(name);
