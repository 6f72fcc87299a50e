/** Turkish texts of the messaging templates pages (`messaging:templates.*`). */
export const templatesTr = {};
