/** API messages of messaging's templates (merged into the platform catalogs through ../messages). */
export const templatesTr = {} as const;

export const templatesEn: Record<keyof typeof templatesTr, string> = {};
