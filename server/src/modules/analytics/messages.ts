/** API messages of the analytics module (merged into the platform catalogs). */
export const analyticsTr = {
  'analytics.unknown_brand': 'Marka bulunamadı: {brand}',
  'analytics.unknown_store': 'Mağaza bulunamadı: {code}',
  'analytics.store_not_allowed': 'Bu mağazanın verilerini görme yetkiniz yok.',
  'analytics.calibration_in_future': 'Kalibrasyon sonu bugünden ({today}) sonra olamaz.',
  'analytics.not_enough_customers': 'Model için yeterli müşteri yok: {count} müşteri var, en az {min} gerekli.',
  'analytics.not_enough_repeaters': 'Model için yeterli tekrar alışveriş yapan müşteri yok: {count} müşteri var, en az {min} gerekli.',
  'analytics.spend_model_undefined':
    'Harcama modeli bu veride ortalama sepet değeri veremiyor (q ≤ 1): harcamalar çok dağınık. Daha uzun bir dönemle deneyin.',
  'analytics.fit_failed': 'Model bu veriye uydurulamadı. Daha uzun bir dönemle ya da daha çok müşteriyle deneyin.',
  'analytics.support_too_low':
    'En düşük destek çok küçük: {baskets} sepette {count} sepetlik bir eşik anlamlı kural vermez; en az {min} sepet olacak bir destek seçin ({minSupport} veya üstü).',
  'analytics.too_many_baskets':
    'Seçilen dönemde çok fazla fiş var ({baskets}); en fazla {max} fiş incelenir. Dönemi ya da mağazayı daraltın.',
  'analytics.product_required': 'Ürün kimliği ya da ürün kodu gönderin.',
  'analytics.together_reason': '{antecedent} alanların %{percent} kadarı bunu da aldı (olağanın {lift} katı).',
  'analytics.runs_required': 'Karşılaştırmak için iki çalıştırmayı da (from ve to) gönderin ya da hiçbirini göndermeyin.',
  'analytics.runs_not_comparable': 'Bu iki RFM çalıştırması farklı kapsamlarda (marka); karşılaştırılamaz.',
  'analytics.snapshot_pruned': 'Bu eski çalıştırmanın müşteri bazında sonuçları saklanmıyor; yalnızca toplamları var.',
  // What to do with each RFM segment (the seed's advice), shown beside it.
  'analytics.rfm.action.champions': 'İndirim göndermeyin: yeni ürünleri ilk onlara gösterin, VIP etkinliğe çağırın, tavsiye isteyin.',
  'analytics.rfm.action.loyal': 'Sadakatlerini ödüllendirin: seviye avantajları, tamamlayıcı ürün önerileri, yorum isteyin.',
  'analytics.rfm.action.potential_loyalist': 'Üyelik ve puan programına davet edin; ikinci ve üçüncü alışverişe küçük bir teşvik verin.',
  'analytics.rfm.action.new': 'Hoş geldin mesajı ve ilk deneyimi anlatan içerik gönderin; ikinci alışverişe yönlendirin.',
  'analytics.rfm.action.promising': 'Markayı tanıtın, çok satanları önerin; ücretsiz deneme ya da küçük bir hediye sunun.',
  'analytics.rfm.action.need_attention': 'Kişiye özel, süreli bir teklif gönderin; son aldıklarına göre öneri yapın.',
  'analytics.rfm.action.about_to_sleep': 'Popüler ürünleri ve indirimleri hatırlatın; bağı yeniden kurun.',
  'analytics.rfm.action.at_risk': 'Hemen arayın: kişisel bir mesajla ne olduğunu sorun, güçlü bir geri dönüş teklifi yapın.',
  'analytics.rfm.action.cant_lose': 'En değerli eski müşterileriniz: bugün arayın, yeni ürünleri anlatın, kaybetmeyin.',
  'analytics.rfm.action.hibernating': 'İlgili ürünlerle ve özel bir indirimle yeniden uyandırmayı deneyin; çok mesaj göndermeyin.',
  'analytics.rfm.action.lost': 'Bir kez geri kazanma kampanyası deneyin, yanıt yoksa pazarlama gönderimlerini azaltın.',
} as const;

export const analyticsEn: Record<keyof typeof analyticsTr, string> = {
  'analytics.unknown_brand': 'Brand not found: {brand}',
  'analytics.unknown_store': 'Store not found: {code}',
  'analytics.store_not_allowed': 'You may not see this store’s data.',
  'analytics.calibration_in_future': 'The calibration end cannot be after today ({today}).',
  'analytics.not_enough_customers': 'Not enough customers for the model: {count}, at least {min} needed.',
  'analytics.not_enough_repeaters': 'Not enough repeat customers for the model: {count}, at least {min} needed.',
  'analytics.spend_model_undefined':
    'The spend model gives no average order value on this data (q ≤ 1): spend is too dispersed. Try a longer period.',
  'analytics.fit_failed': 'The model could not be fitted to this data. Try a longer period or more customers.',
  'analytics.support_too_low':
    'Minimum support too low: a threshold of {count} of {baskets} baskets gives no meaningful rules; choose a support of at least {min} baskets ({minSupport} or more).',
  'analytics.too_many_baskets': 'Too many receipts in the selection ({baskets}); at most {max} are mined. Narrow the period or the store.',
  'analytics.product_required': 'Send a product id or a product code.',
  'analytics.together_reason': '{percent}% of those who bought {antecedent} bought this too ({lift} times the usual rate).',
  'analytics.runs_required': 'Send both runs to compare (from and to), or neither.',
  'analytics.runs_not_comparable': 'These two RFM runs cover different scopes (brand) and cannot be compared.',
  'analytics.snapshot_pruned': 'Per-customer results of this old run are no longer kept; only its totals are.',
  'analytics.rfm.action.champions':
    'Don’t send them discounts: show them new products first, invite them to VIP events, ask for referrals.',
  'analytics.rfm.action.loyal': 'Reward their loyalty: tier benefits, complementary product suggestions, ask for reviews.',
  'analytics.rfm.action.potential_loyalist':
    'Invite them to the membership and points programme; give a small nudge for the second and third purchase.',
  'analytics.rfm.action.new': 'Send a welcome message and onboarding content; lead them to a second purchase.',
  'analytics.rfm.action.promising': 'Build awareness, suggest best sellers; offer a free trial or a small gift.',
  'analytics.rfm.action.need_attention': 'Send a personal, time-limited offer; recommend based on their recent purchases.',
  'analytics.rfm.action.about_to_sleep': 'Remind them of popular products and discounts; reconnect.',
  'analytics.rfm.action.at_risk': 'Call them now: ask what happened in a personal message, make a strong win-back offer.',
  'analytics.rfm.action.cant_lose': 'Your most valuable past customers: call them today, tell them what is new, don’t lose them.',
  'analytics.rfm.action.hibernating': 'Try to wake them with relevant products and a special discount; don’t message too often.',
  'analytics.rfm.action.lost': 'Try one win-back campaign; if there is no response, send them less marketing.',
};
