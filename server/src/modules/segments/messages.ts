/** API messages of the segments module (merged into the platform catalogs). */
export const segmentsTr = {} as const;

export const segmentsEn: Record<keyof typeof segmentsTr, string> = {};
