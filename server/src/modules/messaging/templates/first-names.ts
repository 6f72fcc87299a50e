/**
 * Common Turkish first names by the gender they are almost always given to, for the honorific
 * when a profile has no gender. Names given to both (Deniz, Umut, Evren …) are left out on
 * purpose: they get the neutral form. Compared Turkish-folded, so spelling variants match.
 */
export const MALE_NAMES = `
Abdullah Adem Adnan Ahmet Ali Alp Alper Arda Aslan Atakan Atilla Aykut Aziz Batuhan Baran Barış Battal Bayram
Berk Berkay Bekir Burak Burhan Bülent Cafer Can Celal Cem Cemal Cengiz Cevdet Cihan Coşkun Cüneyt Doğan Doğukan
Durmuş Emin Emir Emirhan Emre Enes Engin Enver Erdal Erdem Erdoğan Eren Ergün Erhan Erkan Ersin Ertuğrul Eyüp
Fahri Faruk Fatih Ferhat Fikret Furkan Gökhan Güven Hakan Halil Halit Hamza Harun Hasan Haydar Hikmet Hüseyin
Hüsnü İbrahim İlhan İlker İsmail Kaan Kadir Kamil Kemal Kenan Kerem Korkut Kürşat Levent Mahmut Mehmet Mert
Mesut Metin Muhammed Murat Musa Mustafa Necati Necdet Nihat Oğuz Oğuzhan Okan Onur Orhan Osman Ozan Ömer Önder
Özcan Özkan Ramazan Recep Rıza Sadık Salih Sami Savaş Selahattin Selçuk Selim Semih Serdar Serkan Sinan Sezgin
Süleyman Şahin Şener Şükrü Tahsin Taner Tarık Tayfun Tuncay Turgut Tolga Uğur Ufuk Vedat Volkan Yakup Yasin
Yavuz Yiğit Yılmaz Yunus Yusuf Zafer Zeki
`;

export const FEMALE_NAMES = `
Ayşe Fatma Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Hanife Merve Havva Zeliha Esra Fadime Özlem
Hacer Melek Yasemin Hülya Rabia Leyla Songül Büşra Sevim Dilek Kübra Gülsüm Cennet Ebru Sibel Aynur
Esma Tuğba Seda Gül Gülay Derya Filiz Nurcan Sevgi Yıldız Emel Pınar Aysel Nermin Asiye Gamze Şükran
Nuray Serpil Sema Sevda Tülay Ece Ecem Eda Eylül Duygu Didem Damla Burcu Berna Aslı Aylin Ayten Aysun
Banu Belgin Beyza Betül Bahar Canan Ceren Cansu Çiğdem Dilara Esin Feride Fulya Gizem Gönül Gülcan Gülşen
Hande Hilal İrem İpek Kevser Lale Meltem Melike Melis Mine Müge Nazlı Neslihan Nesrin Nilay Nihal Nur Nurhan
Ödül Öznur Pelin Reyhan Saadet Selin Selma Semra Serap Sevil Sinem Şeyma Şule Tuba Tülin Yeliz Yeşim Zerrin Zübeyde
`;
