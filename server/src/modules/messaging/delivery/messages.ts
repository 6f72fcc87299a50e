/** API messages of messaging's delivery (merged into the platform catalogs through ../messages). */
export const deliveryTr = {} as const;

export const deliveryEn: Record<keyof typeof deliveryTr, string> = {};
