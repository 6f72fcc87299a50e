/** API messages of messaging's providers (merged into the platform catalogs through ../messages). */
export const providersTr = {} as const;

export const providersEn: Record<keyof typeof providersTr, string> = {};
