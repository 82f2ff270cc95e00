# Tryggve — العربية (من اليمين إلى اليسار). المفتاح = النص. المتغيرات تُكتب { $name }.

report-title = أبلغ عن مكان تشعر فيه بعدم الأمان
report-intro = حدّد المكان على الخريطة وأخبرنا بما يجعله غير آمن. لا تحتاج إلى ذكر هويتك.
loading = جارٍ التحميل…
config-failed = تعذّر تحميل النموذج. حاول مرة أخرى لاحقًا.
retry = حاول مرة أخرى
language-label = اللغة

map-label = خريطة لاختيار المكان
map-help = انقر على الخريطة لوضع دبوس. باستخدام لوحة المفاتيح: انتقل إلى الخريطة، وحرّكها بمفاتيح الأسهم، ثم اختر «ضع الدبوس في منتصف الخريطة».
place-pin-center = ضع الدبوس في منتصف الخريطة
use-my-location = استخدم موقعي
locating = جارٍ تحديد موقعك…
pin-none = لم يتم اختيار مكان بعد.
pin-placed-click = وُضع الدبوس حيث نقرت.
pin-placed-center = وُضع الدبوس في منتصف الخريطة.
pin-placed-location = وُضع الدبوس في موقعك.
pin-position = المكان المختار: { $lat }، { $lng }.
location-failed = تعذّر تحديد موقعك. ضع الدبوس على الخريطة بدلًا من ذلك.
location-outside = موقعك خارج خريطة البلدية. ضع الدبوس على الخريطة بدلًا من ذلك.
marker-alt = المكان المختار

category-label = بماذا يتعلق الأمر؟
category-choose = اختر فئة
category-dark-spot = إضاءة ضعيفة أو مكان مظلم
category-graffiti = كتابات على الجدران
category-vandalism = تخريب
category-littering = رمي النفايات
category-unsafe-environment = بيئة غير آمنة
category-threats-harassment = تهديد أو تحرّش
category-drugs = مخدرات
category-other = أخرى

times-legend = متى تشعر بعدم الأمان في هذا المكان؟ (اختياري، اختر واحدًا أو أكثر)
time-morning = الصباح
time-day = النهار
time-evening = المساء
time-night = الليل
time-unspecified = غير محدد

description-label = صِف المكان وما الذي يجعله أكثر أمانًا
description-hint = اختياري، إلا في فئة «أخرى». لا تكتب أسماء أو أي شيء يحدد أشخاصًا بعينهم.
description-count = { $count } من { $max } حرفًا
email-label = بريدك الإلكتروني (اختياري)
email-hint = إذا كنت تسمح للبلدية بالتواصل معك. لا يُعرض العنوان علنًا أبدًا.
privacy-note = عن بياناتك: لا نستخدم ملفات تعريف الارتباط ولا أدوات تتبّع. يُستخدم المكان والوصف في عمل البلدية من أجل الأمان. لا يرى بريدك الإلكتروني إلا موظفو البلدية المختصون.

submit = إرسال
sending = جارٍ الإرسال…
fix-errors = صحّح الحقول المحددة وأرسل مرة أخرى.
error-required = املأ هذا الحقل.
error-pin-required = اختر مكانًا على الخريطة.
error-not-on-earth = المكان غير صالح. اختر مكانًا على الخريطة.
error-outside-area = المكان خارج منطقة البلدية.
error-unknown-category = اختر فئة من القائمة.
error-unknown-time = اختر من بين الصباح والنهار والمساء والليل.
error-duplicate-time = تم اختيار الوقت نفسه مرتين.
error-too-long = النص طويل جدًا.
error-invalid-email = اكتب عنوان بريد إلكتروني صالحًا، مثل name@example.se.
error-wrong-tenant = هذا النموذج تابع لبلدية أخرى.
error-invalid-transition = لا يمكن نقل الحالة إلى الحالة المختارة.
error-invalid-choice = اختر أحد الخيارات.
error-invalid-date = اكتب التاريخ بالصيغة YYYY-MM-DD.
error-weak-password = يجب أن تتكون كلمة المرور من 12 إلى 256 حرفًا.
error-already-exists = يوجد حساب بهذا البريد الإلكتروني بالفعل.
send-failed = تعذّر الإرسال الآن. بياناتك محفوظة – حاول مرة أخرى بعد قليل.
send-rejected = لم يُقبل البلاغ: { $reason }

report-received = شكرًا! رقم بلاغك هو { $case }.
followup-intro = احتفظ برقم البلاغ ورمز المتابعة إذا أردت متابعة البلاغ. يُعرض الرمز الآن فقط.
followup-code = رمز المتابعة
report-another = أبلغ عن مكان آخر

status-new = جديد
status-reviewed = تمت المراجعة
status-in-progress = جارٍ العمل عليه
status-resolved = تمت المعالجة
status-closed = مغلق

followup-link = تابع بلاغك (احفظ الرابط)
followup-title = بلاغك { $case }
followup-status = الحالة
followup-comment = رد البلدية
followup-no-comment = لا يوجد رد بعد.
followup-received = تاريخ الاستلام
followup-not-found = لم يتم العثور على البلاغ. تحقّق من الرابط.

public-show = اعرض الأماكن التي أبلغ عنها آخرون
public-count = يُعرض { $count } من البلاغات المعتمدة على الخريطة وفي القائمة أدناه.
public-failed = تعذّر تحميل الأماكن المُبلغ عنها الآن.
send-queued = تعذّر الإرسال الآن. البلاغ محفوظ في هذا المتصفح وسيُرسل تلقائيًا عندما يعود الاتصال.
send-resuming = جارٍ إرسال البلاغ الذي حُفظ عند انقطاع الاتصال…
error-wrong-password = كلمة المرور الحالية غير صحيحة.
