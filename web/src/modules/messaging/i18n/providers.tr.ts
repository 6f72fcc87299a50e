/** Turkish texts of the messaging providers pages (`messaging:providers.*`). */
export const providersTr = {};
