<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>About</name>
    <message>
        <source>&lt;p&gt;&lt;b&gt;⚠ The content pack is due for review&lt;/b&gt; (review by {review_by}).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;⚠ El paquete de contenidos debe revisarse&lt;/b&gt; (revisar antes del {review_by}).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The content pack is within its review period (review by {review_by}).&lt;/p&gt;</source>
        <translation>&lt;p&gt;El paquete de contenidos está dentro de su periodo de revisión (revisar antes del {review_by}).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;consultaid {version}&lt;/h3&gt;&lt;p&gt;An offline consultation aid for clinics that discuss MSC therapy.&lt;/p&gt;&lt;p&gt;Content pack: {title}, version {pack_version} ({language})&lt;br/&gt;Last reviewed: {last_reviewed}&lt;br/&gt;Review by: {review_by}&lt;/p&gt;{due}</source>
        <translation>&lt;h3&gt;consultaid {version}&lt;/h3&gt;&lt;p&gt;Una ayuda para la consulta, sin conexión, para clínicas que hablan de la terapia con células madre mesenquimales (MSC).&lt;/p&gt;&lt;p&gt;Paquete de contenidos: {title}, versión {pack_version} ({language})&lt;br/&gt;Última revisión: {last_reviewed}&lt;br/&gt;Revisar antes del: {review_by}&lt;/p&gt;{due}</translation>
    </message>
    <message>
        <source>About consultaid</source>
        <translation>Acerca de consultaid</translation>
    </message>
</context>
<context>
    <name>AccessController</name>
    <message>
        <source>That PIN is not right. Try again, or sign out.</source>
        <translation>Ese PIN no es correcto. Inténtelo de nuevo o cierre la sesión.</translation>
    </message>
    <message>
        <source>Please choose a new PIN now: yours was reset by someone else, or it is shorter than PINs may now be. Type the PIN you just signed in with, then the new one twice.</source>
        <translation>Elija ahora un PIN nuevo: otra persona restableció el suyo, o es más corto de lo que ahora se permite. Escriba el PIN con el que acaba de entrar y luego el nuevo dos veces.</translation>
    </message>
    <message>
        <source>The latest backup is {backup}; to restore it, see &quot;Records, backups and restoring&quot; in the README.</source>
        <translation>La copia de seguridad más reciente es {backup}; para restaurarla, vea «Records, backups and restoring» en el README.</translation>
    </message>
    <message>
        <source>No backup was found next to it; ask your IT contact before going on.</source>
        <translation>No se encontró ninguna copia de seguridad junto a ella; consulte a su persona de informática antes de seguir.</translation>
    </message>
    <message>
        <source>The records database {path} failed its check at start-up, so it is open read-only: nothing is written to it (no drafts, no handouts, no changes). {where} You can keep working: consultations can still be saved and opened as JSON files (File &gt; Save As…, Open…). Technical detail: {detail}</source>
        <translation>La base de datos de registros {path} no pasó su comprobación al arrancar, así que está abierta solo para lectura: no se escribe nada en ella (ni borradores, ni folletos, ni cambios). {where} Puede seguir trabajando: las consultas se pueden guardar y abrir como archivos JSON (Archivo &gt; Guardar como…, Abrir…). Detalle técnico: {detail}</translation>
    </message>
    <message>
        <source>The records are open read-only: {problem}. Nothing is lost and no backup is needed; ask the clinic&apos;s IT person to give this account write access, then start consultaid again.</source>
        <translation>Los registros están abiertos solo para lectura: {problem}. No se ha perdido nada y no hace falta ninguna copia de seguridad; pida a la persona de informática de la clínica que dé permiso de escritura a esta cuenta y vuelva a abrir consultaid.</translation>
    </message>
    <message>
        <source>The records database cannot be read.</source>
        <translation>No se puede leer la base de datos de registros.</translation>
    </message>
    <message>
        <source>The records database cannot be written, so no account can be created.</source>
        <translation>No se puede escribir en la base de datos de registros, así que no se puede crear ninguna cuenta.</translation>
    </message>
    <message>
        <source>{problem} You can continue without records: consultations are then saved and opened as JSON files only, and no handout is stored.</source>
        <translation>{problem} Puede seguir sin registros: las consultas se guardan y se abren entonces solo como archivos JSON, y no se guarda ningún folleto.</translation>
    </message>
    <message>
        <source>Records not available</source>
        <translation>Registros no disponibles</translation>
    </message>
    <message>
        <source>The records cannot be read just now; try again in a moment.</source>
        <translation>Los registros no se pueden leer en este momento; inténtelo de nuevo en un momento.</translation>
    </message>
    <message>
        <source>Signed in: {name} ({role_label})</source>
        <translation>Sesión iniciada: {name} ({role_label})</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Sin sesión iniciada</translation>
    </message>
    <message>
        <source>Your PIN was changed.</source>
        <translation>Se cambió su PIN.</translation>
    </message>
</context>
<context>
    <name>AccessPage</name>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Explicación</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <source>PIN &amp;again:</source>
        <translation>PIN &amp;otra vez:</translation>
    </message>
    <message>
        <source>Sign-in problem</source>
        <translation>Problema al entrar</translation>
    </message>
    <message>
        <source>Time left before trying again</source>
        <translation>Tiempo que falta para volver a intentarlo</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Cerrar &amp;sesión</translation>
    </message>
    <message>
        <source>&amp;Continue without records</source>
        <translation>&amp;Continuar sin registros</translation>
    </message>
    <message>
        <source>Opening the records…</source>
        <translation>Abriendo los registros…</translation>
    </message>
    <message>
        <source>consultaid is checking its records database. This takes a moment.</source>
        <translation>consultaid está comprobando su base de datos de registros. Tarda un momento.</translation>
    </message>
    <message>
        <source>Welcome to consultaid</source>
        <translation>Bienvenido a consultaid</translation>
    </message>
    <message>
        <source>No one has an account yet. Create the first physician account: your name and a PIN of {MIN_PIN} to {MAX_PIN} characters (digits, words or a short sentence). You will sign in with them every time.</source>
        <translation>Todavía nadie tiene una cuenta. Cree la primera cuenta de médico: su nombre y un PIN de {MIN_PIN} a {MAX_PIN} caracteres (números, palabras o una frase corta). Entrará con ellos cada vez.</translation>
    </message>
    <message>
        <source>&amp;Create account</source>
        <translation>&amp;Crear cuenta</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <source>Enter your name and PIN.</source>
        <translation>Escriba su nombre y su PIN.</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Entrar</translation>
    </message>
    <message>
        <source>consultaid is locked</source>
        <translation>consultaid está bloqueado</translation>
    </message>
    <message>
        <source>Locked to keep patient data private. {name}, enter your PIN to carry on, or sign out so someone else can sign in.</source>
        <translation>Bloqueado para proteger los datos de los pacientes. {name}, escriba su PIN para continuar, o cierre la sesión para que entre otra persona.</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <source>The records cannot be used</source>
        <translation>No se pueden usar los registros</translation>
    </message>
    <message>
        <source>Try again in {minutes}:{seconds:02d}.</source>
        <translation>Vuelva a intentarlo en {minutes}:{seconds:02d}.</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Ya puede volver a intentarlo.</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>Escriba su nombre.</translation>
    </message>
    <message>
        <source>Enter your PIN.</source>
        <translation>Escriba su PIN.</translation>
    </message>
    <message>
        <source>The two PINs are not the same; type them again.</source>
        <translation>Los dos PIN no son iguales; escríbalos otra vez.</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>{MIN_PIN} to {MAX_PIN} characters: digits, words or a short sentence. Longer is safer.</source>
        <translation>De {MIN_PIN} a {MAX_PIN} caracteres: números, palabras o una frase corta. Cuanto más largo, más seguro.</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Cuentas</translation>
    </message>
    <message>
        <source>Accounts are never deleted: the audit log keeps naming who did what. A deactivated account cannot sign in or act until it is reactivated.</source>
        <translation>Las cuentas nunca se borran: el registro de auditoría sigue diciendo quién hizo qué. Una cuenta desactivada no puede entrar ni hacer nada hasta que se reactive.</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>&amp;Añadir cuenta…</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Desactivar</translation>
    </message>
    <message>
        <source>&amp;Reset PIN…</source>
        <translation>&amp;Restablecer PIN…</translation>
    </message>
    <message>
        <source>Change &amp;my PIN…</source>
        <translation>Cambiar &amp;mi PIN…</translation>
    </message>
    <message>
        <source>Accounts problem</source>
        <translation>Problema con las cuentas</translation>
    </message>
    <message>
        <source> (you)</source>
        <translation> (usted)</translation>
    </message>
    <message>
        <source>no (deactivated)</source>
        <translation>no (desactivada)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation>Re&amp;activar</translation>
    </message>
    <message>
        <source>Account added: {name} ({role}).</source>
        <translation>Cuenta añadida: {name} ({role}).</translation>
    </message>
    <message>
        <source>{name} is deactivated.</source>
        <translation>{name} está desactivada.</translation>
    </message>
    <message>
        <source>{name} is active again.</source>
        <translation>{name} vuelve a estar activa.</translation>
    </message>
    <message>
        <source>The PIN of {name} was reset; they choose their own at their next sign-in.</source>
        <translation>Se restableció el PIN de {name}; elegirá el suyo la próxima vez que entre.</translation>
    </message>
    <message>
        <source>Your PIN was changed.</source>
        <translation>Su PIN se cambió.</translation>
    </message>
</context>
<context>
    <name>AccountsList</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Última entrada</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source> UTC</source>
        <translation> UTC</translation>
    </message>
</context>
<context>
    <name>Acknowledgement</name>
    <message>
        <source>Signed on paper</source>
        <translation>Firmado en papel</translation>
    </message>
    <message>
        <source>Signed on screen</source>
        <translation>Firmado en pantalla</translation>
    </message>
    <message>
        <source>Verbal, witnessed by a staff member</source>
        <translation>De palabra, con un miembro del personal como testigo</translation>
    </message>
    <message>
        <source>the representative&apos;s name is missing</source>
        <translation>falta el nombre del representante</translation>
    </message>
    <message>
        <source>the representative&apos;s relationship to the patient is missing</source>
        <translation>falta la relación del representante con el paciente</translation>
    </message>
    <message>
        <source>a verbal acknowledgement needs the name of the staff member who witnessed it</source>
        <translation>un acuse de recibo de palabra necesita el nombre del miembro del personal que fue testigo</translation>
    </message>
    <message>
        <source>no signature was drawn</source>
        <translation>no se dibujó ninguna firma</translation>
    </message>
</context>
<context>
    <name>AcknowledgementController</name>
    <message>
        <source>An acknowledgement is kept with the records: sign in as a physician.</source>
        <translation>El acuse de recibo se guarda con los registros: entre como médico.</translation>
    </message>
    <message>
        <source>Give the handout first (Print… or Save PDF…); the acknowledgement refers to the handout as given.</source>
        <translation>Entregue primero el folleto (Imprimir… o Guardar PDF…); el acuse de recibo se refiere al folleto tal como se entregó.</translation>
    </message>
    <message>
        <source>Save the changes first (File &gt; Save); the acknowledgement refers to them.</source>
        <translation>Guarde primero los cambios (Archivo &gt; Guardar); el acuse de recibo se refiere a ellos.</translation>
    </message>
    <message>
        <source>Putting the signature on the handout…</source>
        <translation>Poniendo la firma en el folleto…</translation>
    </message>
    <message>
        <source>⚠ Not recorded: {why}</source>
        <translation>⚠ No registrado: {why}</translation>
    </message>
    <message>
        <source>⚠ Not recorded: no handout is stored for this record.</source>
        <translation>⚠ No registrado: no hay ningún folleto guardado para este registro.</translation>
    </message>
    <message>
        <source>⚠ Not recorded: no handout builder in this version.</source>
        <translation>⚠ No registrado: esta versión no tiene generador de folletos.</translation>
    </message>
    <message>
        <source>the handout builder returned no PDF</source>
        <translation>el generador de folletos no devolvió ningún PDF</translation>
    </message>
    <message>
        <source>⚠ Not recorded: the signed handout could not be made ({message}).</source>
        <translation>⚠ No registrado: no se pudo hacer el folleto firmado ({message}).</translation>
    </message>
    <message>
        <source> The handout carrying the signature is stored as a new version; the earlier one is kept.</source>
        <translation> El folleto con la firma se guarda como una versión nueva; la anterior se conserva.</translation>
    </message>
    <message>
        <source>The acknowledgement is stored with the record.{extra}</source>
        <translation>El acuse de recibo se guardó con el registro.{extra}</translation>
    </message>
</context>
<context>
    <name>AcknowledgementPanel</name>
    <message>
        <source>The patient</source>
        <translation>El paciente</translation>
    </message>
    <message>
        <source>A representative</source>
        <translation>Un representante</translation>
    </message>
    <message>
        <source>The patient (or their representative) confirms they received this handout and talked it through with you. This is not consent to treatment.</source>
        <translation>El paciente (o su representante) confirma que recibió este folleto y que lo habló con usted. Esto no es un consentimiento para el tratamiento.</translation>
    </message>
    <message>
        <source>Acknowledgement of receipt and discussion</source>
        <translation>Acuse de recibo y de conversación</translation>
    </message>
    <message>
        <source>A&amp;cknowledged by:</source>
        <translation>&amp;Confirmado por:</translation>
    </message>
    <message>
        <source>Representative&apos;s na&amp;me:</source>
        <translation>Nombre del &amp;representante:</translation>
    </message>
    <message>
        <source>Relat&amp;ionship to the patient:</source>
        <translation>R&amp;elación con el paciente:</translation>
    </message>
    <message>
        <source>Ho&amp;w:</source>
        <translation>Có&amp;mo:</translation>
    </message>
    <message>
        <source>Wi&amp;tness (staff member):</source>
        <translation>Testigo (miem&amp;bro del personal):</translation>
    </message>
    <message>
        <source>The signature drawn</source>
        <translation>La firma trazada</translation>
    </message>
    <message>
        <source>Sig&amp;n on screen…</source>
        <translation>Firmar en &amp;pantalla…</translation>
    </message>
    <message>
        <source>Acknowledged by {who}, {how}, on {when}; refers to the handout as given (content {pack_version}).</source>
        <translation>Constancia de {who}, {how}, el {when}; se refiere al folleto tal como se entregó (contenido {pack_version}).</translation>
    </message>
    <message>
        <source>Recor&amp;d acknowledgement</source>
        <translation>Registrar el ac&amp;use de recibo</translation>
    </message>
    <message>
        <source>Acknowledgement status</source>
        <translation>Estado del acuse de recibo</translation>
    </message>
    <message>
        <source>⚠ Not recorded: </source>
        <translation>⚠ No registrado: </translation>
    </message>
    <message>
        <source>the patient</source>
        <translation>el paciente</translation>
    </message>
    <message>
        <source>{representative} ({relationship}) for the patient</source>
        <translation>{representative} ({relationship}) en nombre del paciente</translation>
    </message>
    <message>
        <source>signed on paper</source>
        <translation>firmado en papel</translation>
    </message>
    <message>
        <source>signed on screen</source>
        <translation>firmado en pantalla</translation>
    </message>
    <message>
        <source>verbally, witnessed by {witness}</source>
        <translation>de palabra, con {witness} como testigo</translation>
    </message>
</context>
<context>
    <name>AddAccountDialog</name>
    <message>
        <source>Add an account</source>
        <translation>Añadir una cuenta</translation>
    </message>
    <message>
        <source>Accounts now: {existing}.</source>
        <translation>Cuentas actuales: {existing}.</translation>
    </message>
    <message>
        <source>No accounts yet.</source>
        <translation>Todavía no hay cuentas.</translation>
    </message>
    <message>
        <source>Front desk (find, view and print handouts only)</source>
        <translation>Recepción (buscar, ver e imprimir folletos solamente)</translation>
    </message>
    <message>
        <source>Physician</source>
        <translation>Médico</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Función:</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <source>PIN &amp;again:</source>
        <translation>PIN &amp;otra vez:</translation>
    </message>
    <message>
        <source>Account problem</source>
        <translation>Problema con la cuenta</translation>
    </message>
    <message>
        <source>The two PINs are not the same; type them again.</source>
        <translation>Los dos PIN no son iguales; escríbalos otra vez.</translation>
    </message>
</context>
<context>
    <name>AnswerField</name>
    <message>
        <source>{label}: problem</source>
        <translation>{label}: problema</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong</source>
        <translation>Algo salió mal</translation>
    </message>
    <message>
        <source>consultaid ran into a problem it did not expect. Your consultation is still open. Save it (File &gt; Save) to be safe; if something looks wrong afterwards, restart consultaid. The problem&apos;s type and place were written to the log for the clinic&apos;s IT person.</source>
        <translation>consultaid encontró un problema que no esperaba. Su consulta sigue abierta. Guárdela (Archivo &gt; Guardar) para estar seguro; si después algo parece estar mal, vuelva a abrir consultaid. El tipo y el lugar del problema quedaron escritos en el registro de eventos para la persona de informática de la clínica.</translation>
    </message>
    <message>
        <source>The clinic settings could not be used, so defaults apply: {problem}</source>
        <translation>No se pudo usar la configuración de la clínica, así que se aplican los valores por defecto: {problem}</translation>
    </message>
    <message>
        <source>The records database could not be opened: {message}.</source>
        <translation>No se pudo abrir la base de datos de registros: {message}.</translation>
    </message>
    <message>
        <source>consultaid cannot start</source>
        <translation>consultaid no puede arrancar</translation>
    </message>
    <message>
        <source>The bundled content could not be loaded.

{problem}</source>
        <translation>No se pudo cargar el contenido incluido.

{problem}</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <source>is far too large to be a real value</source>
        <translation>es demasiado grande para ser un valor real</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>debe ser un número</translation>
    </message>
    <message>
        <source>must be a finite number</source>
        <translation>debe ser un número finito</translation>
    </message>
    <message>
        <source>{value} is impossible (negative)</source>
        <translation>{value} es imposible (negativo)</translation>
    </message>
    <message>
        <source>{value} is below the lowest plausible value ({limit})</source>
        <translation>{value} está por debajo del valor más bajo plausible ({limit})</translation>
    </message>
    <message>
        <source>{value} is above the highest plausible value ({limit})</source>
        <translation>{value} está por encima del valor más alto plausible ({limit})</translation>
    </message>
</context>
<context>
    <name>ChoiceAnswer</name>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>{label}  ⚑ check</source>
        <translation>{label}  ⚑ revisar</translation>
    </message>
</context>
<context>
    <name>ConditionPage</name>
    <message>
        <source>— choose a condition —</source>
        <translation>— elija una afección —</translation>
    </message>
    <message>
        <source>&lt;table width=&apos;100%&apos; border=&apos;1&apos; cellpadding=&apos;8&apos; cellspacing=&apos;0&apos;&gt;&lt;tr&gt;&lt;td&gt;&lt;p&gt;&lt;b&gt;▌ FOR THE PHYSICIAN — not patient-facing&lt;/b&gt;&lt;/p&gt;&lt;p&gt;&lt;b&gt;Talking points&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;table width=&apos;100%&apos; border=&apos;1&apos; cellpadding=&apos;8&apos; cellspacing=&apos;0&apos;&gt;&lt;tr&gt;&lt;td&gt;&lt;p&gt;&lt;b&gt;▌ PARA EL MÉDICO — no es para el paciente&lt;/b&gt;&lt;/p&gt;&lt;p&gt;&lt;b&gt;Puntos para la conversación&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Screening cautions&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Precauciones de la evaluación&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;What to measure&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Qué medir&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;▌ FOR THE PATIENT — plain-language explanation&lt;/b&gt;&lt;/p&gt;&lt;h3&gt;What inflammation does&lt;/h3&gt;&lt;p&gt;{inflammation}&lt;/p&gt;&lt;h3&gt;What the treatment aims to do&lt;/h3&gt;&lt;p&gt;{aims}&lt;/p&gt;&lt;h3&gt;Possible benefits&lt;/h3&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;▌ PARA EL PACIENTE — explicación en palabras sencillas&lt;/b&gt;&lt;/p&gt;&lt;h3&gt;Qué hace la inflamación&lt;/h3&gt;&lt;p&gt;{inflammation}&lt;/p&gt;&lt;h3&gt;Qué busca el tratamiento&lt;/h3&gt;&lt;p&gt;{aims}&lt;/p&gt;&lt;h3&gt;Posibles beneficios&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Limitations, uncertainties and risks&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Límites, dudas y riesgos&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Other options&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Otras opciones&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;What the path looks like&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Cómo es el camino&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Evidence and regulatory status&lt;/h3&gt;&lt;p&gt;{escape}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Pruebas y situación regulatoria&lt;/h3&gt;&lt;p&gt;{escape}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Afección</translation>
    </message>
    <message>
        <source>C&amp;ondition:</source>
        <translation>Afe&amp;cción:</translation>
    </message>
    <message>
        <source>Condition panel</source>
        <translation>Panel de la afección</translation>
    </message>
    <message>
        <source>Consultation no&amp;tes (printed on the handout):</source>
        <translation>&amp;Notas de la consulta (se imprimen en el folleto):</translation>
    </message>
    <message>
        <source>Consultation notes</source>
        <translation>Notas de la consulta</translation>
    </message>
    <message>
        <source>&lt;p&gt;Choose the patient&apos;s condition above to see its plain-language panel.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Elija arriba la afección del paciente para ver su panel en palabras sencillas.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;⚠ The record names the condition {escape}, which this content pack does not have. Choose one above.&lt;/p&gt;</source>
        <translation>&lt;p&gt;⚠ El registro nombra la afección {escape}, que este paquete de contenidos no tiene. Elija una arriba.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Consent</name>
    <message>
        <source>the nature of the treatment</source>
        <translation>la naturaleza del tratamiento</translation>
    </message>
    <message>
        <source>the anticipated results</source>
        <translation>los resultados que se esperan</translation>
    </message>
    <message>
        <source>the alternatives</source>
        <translation>las alternativas</translation>
    </message>
    <message>
        <source>the risks</source>
        <translation>los riesgos</translation>
    </message>
    <message>
        <source>{law}: the handout states the elements a signed consent needs, and the acknowledgement is signed.</source>
        <translation>{law}: el folleto indica los elementos que necesita un consentimiento firmado, y el acuse de recibo está firmado.</translation>
    </message>
    <message>
        <source>the handout does not state {elements} (a handout for an outcome that still needs review leaves the treatment&apos;s details out; give the full handout once the review agrees)</source>
        <translation>el folleto no indica {elements} (un folleto para un resultado que aún necesita revisión deja fuera los detalles del tratamiento; entregue el folleto completo cuando la revisión esté de acuerdo)</translation>
    </message>
    <message>
        <source>the handout does not state {elements}</source>
        <translation>el folleto no indica {elements}</translation>
    </message>
    <message>
        <source>the patient&apos;s acknowledgement is not signed yet (sign on paper or on screen after giving the handout; a verbal one is not a signature)</source>
        <translation>el acuse de recibo del paciente aún no está firmado (firme en papel o en pantalla después de entregar el folleto; uno de palabra no es una firma)</translation>
    </message>
    <message>
        <source>{law} requires a signed consent form: {what}.</source>
        <translation>{law} exige un formulario de consentimiento firmado: {what}.</translation>
    </message>
    <message>
        <source>{law} requires a signed consent form: {first}; and {second}.</source>
        <translation>{law} exige un formulario de consentimiento firmado: {first}; y {second}.</translation>
    </message>
    <message>
        <source>{items} and {last}</source>
        <translation>{items} y {last}</translation>
    </message>
</context>
<context>
    <name>Content</name>
    <message>
        <source>no condition is chosen for this consultation yet. Choose the patient&apos;s condition in step 3 (Condition) first.</source>
        <translation>todavía no se ha elegido ninguna afección para esta consulta. Elija primero la afección del paciente en el paso 3 (Afección).</translation>
    </message>
    <message>
        <source>this record names a condition ({condition}) that this content pack does not have. Choose the patient&apos;s condition in step 3 (Condition).</source>
        <translation>este registro nombra una afección ({condition}) que este paquete de contenidos no tiene. Elija la afección del paciente en el paso 3 (Afección).</translation>
    </message>
    <message>
        <source>follow-up row(s) {rows} were written or edited in the visit and are printed as written, not in {language}; check that the patient can read them</source>
        <translation>las filas de seguimiento {rows} se escribieron o editaron en la visita y se imprimen tal como se escribieron, no en {language}; compruebe que el paciente puede leerlas</translation>
    </message>
    <message>
        <source>the notes were written in the visit and are printed as written, not in {language}; check that the patient can read them</source>
        <translation>las notas se escribieron en la visita y se imprimen tal como se escribieron, no en {language}; compruebe que el paciente puede leerlas</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>sin indicar</translation>
    </message>
    <message>
        <source>{hint}; leave empty: {blank_text}</source>
        <translation>{hint}; dejar vacío: {blank_text}</translation>
    </message>
    <message>
        <source>Choose from a calendar (Alt+Down)</source>
        <translation>Elegir en un calendario (Alt+Abajo)</translation>
    </message>
    <message>
        <source>{name}: choose from a calendar</source>
        <translation>{name}: elegir en un calendario</translation>
    </message>
    <message>
        <source>{name}: problem</source>
        <translation>{name}: problema</translation>
    </message>
    <message>
        <source> The {field} stays {date} until then.</source>
        <translation> El campo «{field}» sigue siendo {date} hasta entonces.</translation>
    </message>
    <message>
        <source>The {field} is needed: type it as {hint}.{kept}</source>
        <translation>Falta el campo «{field}»: escríbalo como {hint}.{kept}</translation>
    </message>
    <message>
        <source>“{typed}” is not a date on the calendar: check the month and the day.{kept}</source>
        <translation>«{typed}» no es una fecha del calendario: revise el mes y el día.{kept}</translation>
    </message>
    <message>
        <source> (or {example})</source>
        <translation> (o {example})</translation>
    </message>
    <message>
        <source>“{typed}” is not a date. Type it as {hint}{also}, for example 1961-03-15.{kept}</source>
        <translation>«{typed}» no es una fecha. Escríbala como {hint}{also}, por ejemplo 1961-03-15.{kept}</translation>
    </message>
    <message>
        <source>Type the date as {hint}{also}{empty}. Alt+Down opens a calendar.</source>
        <translation>Escriba la fecha como {hint}{also}{empty}. Alt+Abajo abre un calendario.</translation>
    </message>
    <message>
        <source> or {example}</source>
        <translation> o {example}</translation>
    </message>
    <message>
        <source>, or leave it empty</source>
        <translation>, o déjelo vacío</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>The date of birth ({birth}) is after the visit date ({visit}). Check both dates.</source>
        <translation>La fecha de nacimiento ({birth}) es posterior a la fecha de la visita ({visit}). Revise las dos fechas.</translation>
    </message>
    <message>
        <source>The date of birth ({birth}) makes the patient over 120 years old at this visit. Check it.</source>
        <translation>La fecha de nacimiento ({birth}) hace que el paciente tenga más de 120 años en esta visita. Revísela.</translation>
    </message>
</context>
<context>
    <name>DocumentController</name>
    <message>
        <source>New consultation</source>
        <translation>Consulta nueva</translation>
    </message>
    <message>
        <source>Open consultation</source>
        <translation>Abrir una consulta</translation>
    </message>
    <message>
        <source>it is not readable text</source>
        <translation>no es texto legible</translation>
    </message>
    <message>
        <source>{path} could not be read ({reason}).</source>
        <translation>No se pudo leer {path} ({reason}).</translation>
    </message>
    <message>
        <source>{path} is not a consultation record this version can open: {exc}</source>
        <translation>{path} no es un registro de consulta que esta versión pueda abrir: {exc}</translation>
    </message>
    <message>
        <source>Opened {path}.</source>
        <translation>Se abrió {path}.</translation>
    </message>
    <message>
        <source>Import consultation JSON</source>
        <translation>Importar una consulta en JSON</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Imported {name}. Save it to keep it.</source>
        <translation>Se importó {name}. Guárdelo para conservarlo.</translation>
    </message>
    <message>
        <source>Front desk cannot change or save consultations; a physician can.</source>
        <translation>Recepción no puede cambiar ni guardar consultas; un médico sí.</translation>
    </message>
    <message>
        <source>Save consultation</source>
        <translation>Guardar la consulta</translation>
    </message>
    <message>
        <source>The consultation was not saved: {exc}</source>
        <translation>La consulta no se guardó: {exc}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Guardado en {path}</translation>
    </message>
    <message>
        <source>Export consultation JSON</source>
        <translation>Exportar la consulta en JSON</translation>
    </message>
    <message>
        <source>The export failed: {exc}</source>
        <translation>La exportación falló: {exc}</translation>
    </message>
    <message>
        <source>Exported to {name}.</source>
        <translation>Exportado a {name}.</translation>
    </message>
    <message>
        <source>(no recent files)</source>
        <translation>(no hay archivos recientes)</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>Vaciar la lista</translation>
    </message>
    <message>
        <source>{name} is no longer there (moved or deleted); it was taken off the recent files.</source>
        <translation>{name} ya no está (se movió o se borró); se quitó de los archivos recientes.</translation>
    </message>
</context>
<context>
    <name>ExpectationsPage</name>
    <message>
        <source>Setting expectations</source>
        <translation>Fijar expectativas</translation>
    </message>
    <message>
        <source>Say each point in your own words, then tick it. The patient&apos;s takeaway is what they should be able to say back.</source>
        <translation>Diga cada punto con sus propias palabras y después márquelo. Lo que el paciente debe llevarse es lo que debería poder repetir.</translation>
    </message>
    <message>
        <source>Script points (in order)</source>
        <translation>Puntos del guion (en orden)</translation>
    </message>
    <message>
        <source>Point {number} covered: {say}</source>
        <translation>Punto {number} tratado: {say}</translation>
    </message>
    <message>
        <source>Patient takeaway: {takeaway}</source>
        <translation>Lo que el paciente debe llevarse: {takeaway}</translation>
    </message>
    <message>
        <source>{say}
Patient takeaway: “{takeaway}”</source>
        <translation>{say}
Lo que el paciente debe llevarse: «{takeaway}»</translation>
    </message>
    <message>
        <source>Script coverage</source>
        <translation>Puntos tratados</translation>
    </message>
    <message>
        <source>Teach-back</source>
        <translation>Comprobación de lo entendido</translation>
    </message>
    <message>
        <source>Ask the patient:
</source>
        <translation>Pregunte al paciente:
</translation>
    </message>
    <message>
        <source>&amp;All the rest understood</source>
        <translation>Todo lo &amp;demás entendido</translation>
    </message>
    <message>
        <source>Every point not checked yet is marked understood; change any that was not.</source>
        <translation>Cada punto aún sin revisar se marca como entendido; cambie el que no lo fue.</translation>
    </message>
    <message>
        <source>Teach-back points that need attention</source>
        <translation>Puntos de la comprobación que necesitan atención</translation>
    </message>
    <message>
        <source>&amp;Questions the patient asked:</source>
        <translation>&amp;Preguntas que hizo el paciente:</translation>
    </message>
    <message>
        <source>Questions the patient asked</source>
        <translation>Preguntas que hizo el paciente</translation>
    </message>
    <message>
        <source>&amp;General teach-back note:</source>
        <translation>Nota &amp;general de la comprobación:</translation>
    </message>
    <message>
        <source>General teach-back note</source>
        <translation>Nota general de la comprobación</translation>
    </message>
    <message>
        <source>{sign} {done} of {total} points covered</source>
        <translation>{sign} {done} de {total} puntos tratados</translation>
    </message>
</context>
<context>
    <name>FhirExport</name>
    <message>
        <source>consultation {cid} has no handout given: exported without a DocumentReference</source>
        <translation>la consulta {cid} no tiene folleto entregado: se exportó sin DocumentReference</translation>
    </message>
    <message>
        <source>consultation {cid}: its signed review no longer covers the answers (changed after it); exported without the review&apos;s Provenance, the verdict as pending review</source>
        <translation>consulta {cid}: su revisión firmada ya no cubre las respuestas (cambiaron después de firmarla); se exportó sin la Provenance de la revisión y con el dictamen como pendiente de revisión</translation>
    </message>
    <message>
        <source>consultation {cid}: the second physician&apos;s review in the file is exported as it was typed; it was not checked against a signed review in the records</source>
        <translation>consulta {cid}: la revisión del segundo médico del archivo se exporta tal como se escribió; no se comprobó con una revisión firmada en los registros</translation>
    </message>
    <message>
        <source>[clinic] patient_id_system is not set in settings.toml: the patient ID is exported without its system</source>
        <translation>[clinic] patient_id_system no está definido en settings.toml: el ID del paciente se exporta sin su sistema</translation>
    </message>
    <message>
        <source>consultation {cid}: the handouts as given only ({count}), with the patient they were given to; nothing clinical</source>
        <translation>consulta {cid}: solo los folletos tal como se entregaron ({count}), con el paciente que los recibió; nada clínico</translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
</context>
<context>
    <name>FollowUpPage</name>
    <message>
        <source>Follow-up plan</source>
        <translation>Plan de seguimiento</translation>
    </message>
    <message>
        <source>Treatment date</source>
        <translation>Fecha del tratamiento</translation>
    </message>
    <message>
        <source>not booked yet</source>
        <translation>aún sin reservar</translation>
    </message>
    <message>
        <source>Treatment &amp;date:</source>
        <translation>&amp;Fecha del tratamiento:</translation>
    </message>
    <message>
        <source>Leave empty until the treatment is booked. With a date, the handout adds the &quot;After your treatment&quot; sheet with the dates of the visits.</source>
        <translation>Déjela vacía hasta que el tratamiento esté reservado. Con una fecha, el folleto añade la hoja «Después de su tratamiento» con las fechas de las visitas.</translation>
    </message>
    <message>
        <source>Table corner (not used)</source>
        <translation>Esquina de la tabla (sin uso)</translation>
    </message>
    <message>
        <source>&amp;Plan (double-click or press F2 to edit a cell):</source>
        <translation>&amp;Plan (doble clic o F2 para editar una celda):</translation>
    </message>
    <message>
        <source>&amp;Add row</source>
        <translation>Aña&amp;dir fila</translation>
    </message>
    <message>
        <source>&amp;Remove row</source>
        <translation>&amp;Quitar fila</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Su&amp;bir</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Ba&amp;jar</translation>
    </message>
    <message>
        <source>Und&amp;o remove</source>
        <translation>Des&amp;hacer quitar</translation>
    </message>
    <message>
        <source>Use the condition&apos;s &amp;template</source>
        <translation>&amp;Usar la plantilla de la afección</translation>
    </message>
    <message>
        <source>Choose a condition (step 3) to start from its follow-up template.</source>
        <translation>Elija una afección (paso 3) para empezar con su plantilla de seguimiento.</translation>
    </message>
    <message>
        <source>No plan yet: use the template for {title}, or add rows.</source>
        <translation>Todavía no hay plan: use la plantilla de {title} o añada filas.</translation>
    </message>
    <message>
        <source>Started from the template for {template_title}. Edit it for this patient.</source>
        <translation>Empezado con la plantilla de {template_title}. Ajústelo a este paciente.</translation>
    </message>
    <message>
        <source>Started from the template for {template_title}, edited for this patient.</source>
        <translation>Empezado con la plantilla de {template_title}, ajustado a este paciente.</translation>
    </message>
    <message>
        <source>Written for this patient (not from a condition&apos;s template).</source>
        <translation>Escrito para este paciente (no viene de la plantilla de una afección).</translation>
    </message>
    <message>
        <source> The condition chosen now is {title}.</source>
        <translation> La afección elegida ahora es {title}.</translation>
    </message>
    <message>
        <source>Replace the follow-up plan?</source>
        <translation>¿Reemplazar el plan de seguimiento?</translation>
    </message>
    <message>
        <source>The follow-up plan has been edited. Replace it with the template for {title}?

Choose No to keep the current plan.</source>
        <translation>El plan de seguimiento se ha editado. ¿Reemplazarlo con la plantilla de {title}?

Elija No para conservar el plan actual.</translation>
    </message>
    <message>
        <source>Replace the current plan with the template for {title}?</source>
        <translation>¿Reemplazar el plan actual con la plantilla de {title}?</translation>
    </message>
</context>
<context>
    <name>FollowUpTableModel</name>
    <message>
        <source>{column}: empty</source>
        <translation>{column}: vacío</translation>
    </message>
</context>
<context>
    <name>Handout</name>
    <message>
        <source>{problem} The handout was made without it.</source>
        <translation>{problem} El folleto se hizo sin él.</translation>
    </message>
    <message>
        <source>{listed} and {more} more</source>
        <translation>{listed} y {more} más</translation>
    </message>
    <message>
        <source>Some characters cannot be printed with the handout&apos;s fonts and were replaced with {mark}: {listed}.</source>
        <translation>Algunos caracteres no se pueden imprimir con las fuentes del folleto y se sustituyeron por {mark}: {listed}.</translation>
    </message>
</context>
<context>
    <name>HandoutPage</name>
    <message>
        <source>US Letter</source>
        <translation>Carta (EE. UU.)</translation>
    </message>
    <message>
        <source>Patient handout</source>
        <translation>Folleto para el paciente</translation>
    </message>
    <message>
        <source>&amp;Large print</source>
        <translation>&amp;Letra grande</translation>
    </message>
    <message>
        <source>Large print</source>
        <translation>Letra grande</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>I&amp;dioma:</translation>
    </message>
    <message>
        <source>Handout language</source>
        <translation>Idioma del folleto</translation>
    </message>
    <message>
        <source>Pape&amp;r:</source>
        <translation>&amp;Papel:</translation>
    </message>
    <message>
        <source>Paper size</source>
        <translation>Tamaño del papel</translation>
    </message>
    <message>
        <source>&amp;Save PDF…</source>
        <translation>&amp;Guardar PDF…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <source>Handout warning</source>
        <translation>Aviso sobre el folleto</translation>
    </message>
    <message>
        <source>Preview status</source>
        <translation>Estado de la vista previa</translation>
    </message>
    <message>
        <source>Handout preview</source>
        <translation>Vista previa del folleto</translation>
    </message>
    <message>
        <source>Pre&amp;view (the PDF exactly as it will be saved or printed):</source>
        <translation>&amp;Vista previa (el PDF exactamente como se guardará o imprimirá):</translation>
    </message>
    <message>
        <source>⚠ {count} of {total} expectations points are not covered yet (point {points}; see step 4). You can still make the handout.</source>
        <translation>⚠ {count} de {total} puntos de expectativas aún no se han tratado (punto {points}; vea el paso 4). Aun así puede hacer el folleto.</translation>
    </message>
    <message>
        <source>⚠ Teach-back: point {points} not yet understood (see step 4). The handout asks to go over it again at the next visit.</source>
        <translation>⚠ Comprobación de lo entendido: el punto {points} aún no se ha entendido (vea el paso 4). El folleto pide repasarlo en la próxima visita.</translation>
    </message>
    <message>
        <source>⚠ Some screening answers cannot be right: </source>
        <translation>⚠ Algunas respuestas de la evaluación no pueden ser correctas: </translation>
    </message>
    <message>
        <source>⚠ The clinic&apos;s phone number is not set (File &gt; Settings…): the handout leaves a line to write it in by hand.</source>
        <translation>⚠ El teléfono de la clínica no está configurado (Archivo &gt; Configuración…): el folleto deja una línea para escribirlo a mano.</translation>
    </message>
    <message>
        <source>Screening outcome on this handout: {label}</source>
        <translation>Resultado de la evaluación en este folleto: {label}</translation>
    </message>
    <message>
        <source>Updating preview…</source>
        <translation>Actualizando la vista previa…</translation>
    </message>
    <message>
        <source>No handout yet: {problem}</source>
        <translation>Todavía no hay folleto: {problem}</translation>
    </message>
    <message>
        <source>The handout builder is not installed in this version, so no PDF can be made.</source>
        <translation>El generador de folletos no está instalado en esta versión, así que no se puede hacer ningún PDF.</translation>
    </message>
    <message>
        <source>Building the handout…</source>
        <translation>Preparando el folleto…</translation>
    </message>
    <message>
        <source>the handout builder returned no PDF</source>
        <translation>el generador de folletos no devolvió ningún PDF</translation>
    </message>
    <message>
        <source>✓ Preview up to date: {pages} page(s), {size} kB{notes}</source>
        <translation>✓ Vista previa al día: {pages} página(s), {size} kB{notes}</translation>
    </message>
    <message>
        <source>the PDF could not be shown ({name})</source>
        <translation>no se pudo mostrar el PDF ({name})</translation>
    </message>
    <message>
        <source>No handout can be made from this record.</source>
        <translation>No se puede hacer ningún folleto con este registro.</translation>
    </message>
    <message>
        <source>⚠ The handout could not be made: {message}</source>
        <translation>⚠ No se pudo hacer el folleto: {message}</translation>
    </message>
    <message>
        <source>The handout could not be made: {message}</source>
        <translation>No se pudo hacer el folleto: {message}</translation>
    </message>
    <message>
        <source>Save handout PDF</source>
        <translation>Guardar el folleto en PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>handout</source>
        <translation>folleto</translation>
    </message>
    <message>
        <source>The handout was not saved: {exc}</source>
        <translation>El folleto no se guardó: {exc}</translation>
    </message>
    <message>
        <source> Note: {uncovered} expectations point(s) were not covered.</source>
        <translation> Nota: {uncovered} punto(s) de expectativas no se trataron.</translation>
    </message>
    <message>
        <source>Handout saved to {path}.{note}</source>
        <translation>Folleto guardado en {path}.{note}</translation>
    </message>
    <message>
        <source>The preview is not ready yet; try again in a moment.</source>
        <translation>La vista previa aún no está lista; inténtelo de nuevo en un momento.</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>No se pudo poner en marcha la impresora.</translation>
    </message>
</context>
<context>
    <name>HandoutViewer</name>
    <message>
        <source>Stored handout</source>
        <translation>Folleto guardado</translation>
    </message>
</context>
<context>
    <name>HealthRecordExport</name>
    <message>
        <source>Choose a consultation in the records list first.</source>
        <translation>Primero elija una consulta en la lista de registros.</translation>
    </message>
    <message>
        <source>This consultation is not in the records yet, so there is nothing to export for the health record. Enter the patient&apos;s name first: the draft is then kept in the records.</source>
        <translation>Esta consulta todavía no está en los registros, así que no hay nada que exportar para la historia clínica. Escriba primero el nombre del paciente: entonces el borrador se guarda en los registros.</translation>
    </message>
    <message>
        <source>Export for the health record</source>
        <translation>Exportar para la historia clínica</translation>
    </message>
    <message>
        <source>FHIR JSON (*.json)</source>
        <translation>FHIR JSON (*.json)</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>¿Reemplazar el archivo?</translation>
    </message>
    <message>
        <source>{name} already exists. Replace it?</source>
        <translation>{name} ya existe. ¿Desea reemplazarlo?</translation>
    </message>
    <message>
        <source>An export for the health record is still being written; wait a moment.</source>
        <translation>Todavía se está escribiendo una exportación para la historia clínica; espere un momento.</translation>
    </message>
    <message>
        <source>Nothing was exported: the folder {folder} cannot be written to. Choose another folder.</source>
        <translation>No se exportó nada: no se puede escribir en la carpeta {folder}. Elija otra carpeta.</translation>
    </message>
    <message>
        <source>The changes on screen are not in it: they reach the records as an amendment once saved (File &gt; Save).</source>
        <translation>Los cambios en pantalla no están incluidos: llegan a los registros como una enmienda cuando se guardan (Archivo &gt; Guardar).</translation>
    </message>
    <message>
        <source>Nothing was exported for the health record: {exc}</source>
        <translation>No se exportó nada para la historia clínica: {exc}</translation>
    </message>
    <message>
        <source>Exported the consultation for the health record to {path}.</source>
        <translation>La consulta se exportó para la historia clínica a {path}.</translation>
    </message>
    <message>
        <source>Exported the handouts as given ({count}), and nothing clinical, for the health record to {path}.</source>
        <translation>Se exportaron los folletos tal como se entregaron ({count}), sin nada clínico, para la historia clínica a {path}.</translation>
    </message>
</context>
<context>
    <name>Jurisdictions</name>
    <message>
        <source>United States (federal rules only)</source>
        <translation>Estados Unidos (solo normas federales)</translation>
    </message>
    <message>
        <source>California, United States</source>
        <translation>California, Estados Unidos</translation>
    </message>
    <message>
        <source>Florida, United States</source>
        <translation>Florida, Estados Unidos</translation>
    </message>
    <message>
        <source>New York, United States</source>
        <translation>Nueva York, Estados Unidos</translation>
    </message>
    <message>
        <source>Texas, United States</source>
        <translation>Texas, Estados Unidos</translation>
    </message>
    <message>
        <source>Utah, United States</source>
        <translation>Utah, Estados Unidos</translation>
    </message>
    <message>
        <source>Canada</source>
        <translation>Canadá</translation>
    </message>
    <message>
        <source>Mexico</source>
        <translation>México</translation>
    </message>
    <message>
        <source>United Kingdom</source>
        <translation>Reino Unido</translation>
    </message>
    <message>
        <source>Ireland</source>
        <translation>Irlanda</translation>
    </message>
    <message>
        <source>Germany</source>
        <translation>Alemania</translation>
    </message>
    <message>
        <source>France</source>
        <translation>Francia</translation>
    </message>
    <message>
        <source>Spain</source>
        <translation>España</translation>
    </message>
    <message>
        <source>Italy</source>
        <translation>Italia</translation>
    </message>
    <message>
        <source>Netherlands</source>
        <translation>Países Bajos</translation>
    </message>
    <message>
        <source>Austria</source>
        <translation>Austria</translation>
    </message>
    <message>
        <source>Switzerland</source>
        <translation>Suiza</translation>
    </message>
    <message>
        <source>Australia</source>
        <translation>Australia</translation>
    </message>
    <message>
        <source>Japan</source>
        <translation>Japón</translation>
    </message>
    <message>
        <source>Korea, Republic of</source>
        <translation>Corea, República de</translation>
    </message>
</context>
<context>
    <name>KeptHere</name>
    <message>
        <source>The draft could not be kept in the records (they do not answer) nor on this computer ({exc}). Keep this window open, or keep the consultation as a file with File &gt; Save As….</source>
        <translation>El borrador no se pudo conservar en los registros (no responden) ni en este equipo ({exc}). Deje esta ventana abierta, o guarde la consulta como archivo con Archivo &gt; Guardar como….</translation>
    </message>
    <message>
        <source>The records are busy (another workstation or program is writing them)</source>
        <translation>Los registros están ocupados (otro puesto u otro programa está escribiendo en ellos)</translation>
    </message>
    <message>
        <source>The records server cannot be reached</source>
        <translation>No se puede llegar al servidor de registros</translation>
    </message>
    <message>
        <source>{why}, so this draft is kept on this computer for now. It is saved to the records by itself as soon as they answer; you can go on working.</source>
        <translation>{why}, así que este borrador se guarda por ahora en este equipo. Se guardará solo en los registros en cuanto respondan; puede seguir trabajando.</translation>
    </message>
    <message>
        <source>a patient without a name yet</source>
        <translation>un paciente todavía sin nombre</translation>
    </message>
    <message>
        <source>An amendment to the consultation for {who}</source>
        <translation>Una enmienda a la consulta de {who}</translation>
    </message>
    <message>
        <source>Unsaved amendment</source>
        <translation>Enmienda sin guardar</translation>
    </message>
    <message>
        <source>{what}, begun at {stamp}, was not saved when consultaid closed. Open it to finish it?</source>
        <translation>{what}, empezada el {stamp}, no se guardó cuando consultaid se cerró. ¿Abrirla para terminarla?</translation>
    </message>
    <message>
        <source>A draft for {who}</source>
        <translation>Un borrador para {who}</translation>
    </message>
    <message>
        <source>Draft kept on this computer</source>
        <translation>Borrador guardado en este equipo</translation>
    </message>
    <message>
        <source>{what} from {stamp} was kept on this computer while the records could not be reached. Open it and save it to the records?</source>
        <translation>{what} del {stamp} se guardó en este equipo mientras no se podía llegar a los registros. ¿Abrirlo y guardarlo en los registros?</translation>
    </message>
    <message>
        <source>Delete it? {what} was never saved to the records.</source>
        <translation>¿Borrarlo? {what} nunca se guardó en los registros.</translation>
    </message>
    <message>
        <source>It stays on this computer and is offered again at the next sign-in.</source>
        <translation>Se queda en este equipo y se ofrecerá otra vez la próxima vez que entre.</translation>
    </message>
</context>
<context>
    <name>LengthCounter</name>
    <message>
        <source>Length of </source>
        <translation>Longitud de </translation>
    </message>
    <message>
        <source>the text</source>
        <translation>el texto</translation>
    </message>
    <message>
        <source>{length} of {max_chars} characters</source>
        <translation>{length} de {max_chars} caracteres</translation>
    </message>
    <message>
        <source>⚠ {text}: that is the limit, so the rest was not added. Shorten the text to add more.</source>
        <translation>⚠ {text}: ese es el límite, así que el resto no se añadió. Acorte el texto para añadir más.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening consultaid…</source>
        <translation>Abriendo consultaid…</translation>
    </message>
    <message>
        <source>Signed-in user</source>
        <translation>Usuario con sesión iniciada</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Sin sesión iniciada</translation>
    </message>
    <message>
        <source> — DUE FOR REVIEW</source>
        <translation> — DEBE REVISARSE</translation>
    </message>
    <message>
        <source>Content pack {provenance}, reviewed {last_reviewed}{due}</source>
        <translation>Paquete de contenidos {provenance}, revisado el {last_reviewed}{due}</translation>
    </message>
    <message>
        <source>⚠ The content pack was due for review on {review_by}.</source>
        <translation>⚠ El paquete de contenidos debía revisarse el {review_by}.</translation>
    </message>
    <message>
        <source>Records connection</source>
        <translation>Conexión con los registros</translation>
    </message>
    <message>
        <source>Records — consultaid</source>
        <translation>Registros — consultaid</translation>
    </message>
    <message>
        <source>New consultation</source>
        <translation>Consulta nueva</translation>
    </message>
    <message>
        <source>{name}{where}[*] — consultaid</source>
        <translation>{name}{where}[*] — consultaid</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Configuración guardada.</translation>
    </message>
    <message>
        <source>There are changes that are not saved yet. Unlock first, then close consultaid.</source>
        <translation>Hay cambios que aún no se han guardado. Desbloquee primero y después cierre consultaid.</translation>
    </message>
</context>
<context>
    <name>MeasurementAnswer</name>
    <message>
        <source>{label}: unit</source>
        <translation>{label}: unidad</translation>
    </message>
</context>
<context>
    <name>Menu</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nueva</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Guardar &amp;como…</translation>
    </message>
    <message>
        <source>&amp;Import JSON…</source>
        <translation>&amp;Importar JSON…</translation>
    </message>
    <message>
        <source>&amp;Export JSON…</source>
        <translation>&amp;Exportar JSON…</translation>
    </message>
    <message>
        <source>Export for the &amp;health record…</source>
        <translation>Exportar para la &amp;historia clínica…</translation>
    </message>
    <message>
        <source>Recor&amp;ds…</source>
        <translation>Registr&amp;os…</translation>
    </message>
    <message>
        <source>A&amp;ccounts…</source>
        <translation>C&amp;uentas…</translation>
    </message>
    <message>
        <source>&amp;Waiting for my review…</source>
        <translation>Pen&amp;dientes de mi revisión…</translation>
    </message>
    <message>
        <source>Change my &amp;PIN…</source>
        <translation>Cambiar mi &amp;PIN…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>Con&amp;figuración…</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>&amp;Bloquear ahora</translation>
    </message>
    <message>
        <source>Sign o&amp;ut</source>
        <translation>Cerrar se&amp;sión</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Sa&amp;lir</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <source>&amp;About consultaid</source>
        <translation>A&amp;cerca de consultaid</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>✕ Close</source>
        <translation>✕ Cerrar</translation>
    </message>
    <message>
        <source>Close message</source>
        <translation>Cerrar el mensaje</translation>
    </message>
    <message>
        <source>⚠ Problem: </source>
        <translation>⚠ Problema: </translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Consultation record (*.json)</source>
        <translation>Registro de consulta (*.json)</translation>
    </message>
    <message>
        <source>Save changes?</source>
        <translation>¿Guardar los cambios?</translation>
    </message>
    <message>
        <source>This consultation has changes that are not saved. Save them first?</source>
        <translation>Esta consulta tiene cambios sin guardar. ¿Guardarlos primero?</translation>
    </message>
    <message>
        <source>Reason for the amendment</source>
        <translation>Motivo de la enmienda</translation>
    </message>
    <message>
        <source>This consultation is completed. Say why it is being changed (kept with the record; the earlier version stays):</source>
        <translation>Esta consulta está terminada. Diga por qué se cambia (se guarda con el registro; la versión anterior se conserva):</translation>
    </message>
</context>
<context>
    <name>MultiAnswer</name>
    <message>
        <source>None of these</source>
        <translation>Ninguno de estos</translation>
    </message>
    <message>
        <source>{label}: none of these</source>
        <translation>{label}: ninguno de estos</translation>
    </message>
</context>
<context>
    <name>NumberAnswer</name>
    <message>
        <source>{text!r} is not a number</source>
        <translation>{text!r} no es un número</translation>
    </message>
</context>
<context>
    <name>OptionButtons</name>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Clear the answer (Delete)</source>
        <translation>Borrar la respuesta (Supr)</translation>
    </message>
    <message>
        <source>{name}: clear the answer</source>
        <translation>{name}: borrar la respuesta</translation>
    </message>
</context>
<context>
    <name>PatientPage</name>
    <message>
        <source>Patient and visit</source>
        <translation>Paciente y visita</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>Full name as it should appear on the handout</source>
        <translation>Nombre completo tal como debe aparecer en el folleto</translation>
    </message>
    <message>
        <source>Patient n&amp;ame:</source>
        <translation>&amp;Nombre del paciente:</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>&amp;Date of birth:</source>
        <translation>&amp;Fecha de nacimiento:</translation>
    </message>
    <message>
        <source>Clinic patient &amp;ID:</source>
        <translation>&amp;ID del paciente en la clínica:</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <source>Visit date</source>
        <translation>Fecha de la visita</translation>
    </message>
    <message>
        <source>&amp;Visit date:</source>
        <translation>Fecha de la &amp;visita:</translation>
    </message>
    <message>
        <source>e.g. Dr. Sam Rivera</source>
        <translation>p. ej., Dra. Sam Rivera</translation>
    </message>
    <message>
        <source>&amp;Physician:</source>
        <translation>&amp;Médico:</translation>
    </message>
    <message>
        <source>Handout</source>
        <translation>Folleto</translation>
    </message>
    <message>
        <source>Handout &amp;language:</source>
        <translation>I&amp;dioma del folleto:</translation>
    </message>
    <message>
        <source>Translation status</source>
        <translation>Estado de la traducción</translation>
    </message>
    <message>
        <source>Lar&amp;ge print</source>
        <translation>Letra &amp;grande</translation>
    </message>
    <message>
        <source>Large print handout</source>
        <translation>Folleto en letra grande</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Reset the PIN of {target}</source>
        <translation>Restablecer el PIN de {target}</translation>
    </message>
    <message>
        <source>Change my PIN</source>
        <translation>Cambiar mi PIN</translation>
    </message>
    <message>
        <source>Give {target} a new PIN and tell it to them in person. They sign in with it once and are then asked to choose their own. This is recorded in the audit log.</source>
        <translation>Dé a {target} un PIN nuevo y dígaselo en persona. Entrará con él una vez y después se le pedirá que elija el suyo. Esto queda anotado en el registro de auditoría.</translation>
    </message>
    <message>
        <source>Type your current PIN, then the new one twice.</source>
        <translation>Escriba su PIN actual y después el nuevo dos veces.</translation>
    </message>
    <message>
        <source>&amp;Current PIN:</source>
        <translation>PIN &amp;actual:</translation>
    </message>
    <message>
        <source>&amp;New PIN:</source>
        <translation>PIN &amp;nuevo:</translation>
    </message>
    <message>
        <source>New PIN &amp;again:</source>
        <translation>PIN nuevo &amp;otra vez:</translation>
    </message>
    <message>
        <source>PIN problem</source>
        <translation>Problema con el PIN</translation>
    </message>
    <message>
        <source>The two new PINs are not the same; type them again.</source>
        <translation>Los dos PIN nuevos no son iguales; escríbalos otra vez.</translation>
    </message>
</context>
<context>
    <name>PrintJob</name>
    <message>
        <source>The handout is still being sent to the printer; wait a moment before printing again.</source>
        <translation>El folleto todavía se está enviando a la impresora; espere un momento antes de volver a imprimir.</translation>
    </message>
    <message>
        <source>The handout was not printed: {exc}</source>
        <translation>El folleto no se imprimió: {exc}</translation>
    </message>
    <message>
        <source>No printer was chosen, or the chosen printer is not set up on this computer; nothing was printed.</source>
        <translation>No se eligió ninguna impresora, o la impresora elegida no está configurada en este equipo; no se imprimió nada.</translation>
    </message>
    <message>
        <source>The handout was not saved: {exc}</source>
        <translation>El folleto no se guardó: {exc}</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>Guardado en {path}.</translation>
    </message>
    <message>
        <source>Sending the handout to {name}…</source>
        <translation>Enviando el folleto a {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Imprimiendo</translation>
    </message>
    <message>
        <source>Printing was cancelled, but the print system did not take job {outcome} off {printer}; it may still print. Remove it from the printer&apos;s queue if it should not.</source>
        <translation>La impresión se canceló, pero el sistema de impresión no quitó el trabajo {outcome} de {printer}; puede que aún se imprima. Quítelo de la cola de la impresora si no debe imprimirse.</translation>
    </message>
    <message>
        <source>Printing was cancelled; nothing should come out of {printer}.</source>
        <translation>La impresión se canceló; no debería salir nada de {printer}.</translation>
    </message>
    <message>
        <source>The printer could not be started; nothing was printed.</source>
        <translation>No se pudo poner en marcha la impresora; no se imprimió nada.</translation>
    </message>
    <message>
        <source>the handout</source>
        <translation>el folleto</translation>
    </message>
    <message>
        <source>1 page</source>
        <translation>1 página</translation>
    </message>
    <message>
        <source>{pages} pages</source>
        <translation>{pages} páginas</translation>
    </message>
    <message>
        <source>, {copies} copies</source>
        <translation>, {copies} copias</translation>
    </message>
    <message>
        <source>Sent {what}{times} to {printer}.</source>
        <translation>Enviado a {printer}: {what}{times}.</translation>
    </message>
    <message>
        <source>The handout was not printed: {message}</source>
        <translation>El folleto no se imprimió: {message}</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Ver en:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Ficheros de &amp;tipo:</translation>
    </message>
</context>
<context>
    <name>Records</name>
    <message>
        <source>draft</source>
        <translation>borrador</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>terminada</translation>
    </message>
    <message>
        <source>handout given</source>
        <translation>folleto entregado</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>guardada</translation>
    </message>
    <message>
        <source>That name and PIN do not match.</source>
        <translation>Ese nombre y ese PIN no coinciden.</translation>
    </message>
    <message>
        <source>Too many wrong PINs for this account. Wait {minutes} minutes and try again. If the PIN is forgotten, ask another physician to reset it (File &gt; Accounts…); if there is no other physician, see &quot;Forgotten PIN&quot; in the README.</source>
        <translation>Demasiados PIN incorrectos para esta cuenta. Espere {minutes} minutos y vuelva a intentarlo. Si el PIN se olvidó, pida a otro médico que lo restablezca (Archivo &gt; Cuentas…); si no hay otro médico, vea en el README (en inglés) la sección sobre el PIN olvidado.</translation>
    </message>
    <message>
        <source>Many sign-ins under names that have no account were tried in the last minute, so such attempts wait. Check the name and try again in a minute.</source>
        <translation>En el último minuto se intentó iniciar sesión muchas veces con nombres que no tienen cuenta, así que esos intentos esperan. Revise el nombre e intente de nuevo en un minuto.</translation>
    </message>
    <message>
        <source>This account was changed outside consultaid (its role, PIN or state is not the one the audit log records), so it cannot sign in or sign. Ask the clinic&apos;s IT person to run &apos;consultaid records verify&apos;.</source>
        <translation>Esta cuenta se cambió fuera de consultaid (su función, su PIN o su estado no son los que registra el registro de auditoría), así que no puede iniciar sesión ni firmar. Pida a la persona de informática de la clínica que ejecute &apos;consultaid records verify&apos;.</translation>
    </message>
    <message>
        <source>There is no account number {number}.</source>
        <translation>No hay ninguna cuenta con el número {number}.</translation>
    </message>
    <message>
        <source>There is no account with that name; &apos;consultaid accounts list&apos; shows them.</source>
        <translation>No hay ninguna cuenta con ese nombre; &apos;consultaid accounts list&apos; las muestra.</translation>
    </message>
    <message>
        <source>This is the last active physician account, so it stays active: without it no one could manage accounts. Add another physician first.</source>
        <translation>Esta es la última cuenta de médico activa, así que sigue activa: sin ella nadie podría gestionar las cuentas. Añada antes otro médico.</translation>
    </message>
    <message>
        <source>To change your own PIN, use Change my PIN (it asks for the current one).</source>
        <translation>Para cambiar su propio PIN, use Cambiar mi PIN (pide el actual).</translation>
    </message>
    <message>
        <source>The current PIN is not right; the PIN was not changed.</source>
        <translation>El PIN actual no es correcto; el PIN no se cambió.</translation>
    </message>
    <message>
        <source>The new PIN is the same as the current one; choose another.</source>
        <translation>El PIN nuevo es igual que el actual; elija otro.</translation>
    </message>
    <message>
        <source>The account {name} is not active.</source>
        <translation>La cuenta {name} no está activa.</translation>
    </message>
    <message>
        <source>The records server cannot be reached, so nothing was saved there. Your work is still on this screen: keep the window open and save again when the network or the server is back, or keep it as a file with File &gt; Save As… (ask the clinic&apos;s IT person if the server stays away).</source>
        <translation>No se puede llegar al servidor de registros, así que allí no se guardó nada. Su trabajo sigue en esta pantalla: deje la ventana abierta y vuelva a guardar cuando vuelvan la red o el servidor, o consérvelo como archivo con Archivo &gt; Guardar como… (consulte a la persona de informática de la clínica si el servidor no vuelve).</translation>
    </message>
    <message>
        <source>Your sign-in on the records server has ended (it lasts {hours} hours, and ends when the account is changed); nothing was saved. Lock the window and sign in again, then repeat the last step.</source>
        <translation>Su sesión en el servidor de registros terminó (dura {hours} horas y termina cuando se modifica la cuenta); no se guardó nada. Bloquee la ventana, vuelva a iniciar sesión y repita el último paso.</translation>
    </message>
    <message>
        <source>the same entry was stored at the same moment on another workstation; nothing was saved (error 23505)</source>
        <translation>la misma entrada se guardó en el mismo momento en otro puesto; no se guardó nada (error 23505)</translation>
    </message>
    <message>
        <source>the records server&apos;s account for this workstation may not do this (error 42501); ask the clinic&apos;s IT person</source>
        <translation>la cuenta de este puesto en el servidor de registros no puede hacer esto (error 42501); consulte a la persona de informática de la clínica</translation>
    </message>
    <message>
        <source>another workstation saved at the same moment; nothing was saved. Try again.</source>
        <translation>otro puesto guardó en el mismo momento; no se guardó nada. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>the records server refused this workstation&apos;s login (wrong user name or password, or the server does not let it in from here); ask the clinic&apos;s IT person to check the password file and the server&apos;s pg_hba.conf</source>
        <translation>el servidor de registros rechazó el inicio de sesión de este equipo (usuario o contraseña incorrectos, o el servidor no lo deja entrar desde aquí); pida a la persona de informática de la clínica que revise el archivo de contraseña y el pg_hba.conf del servidor</translation>
    </message>
    <message>
        <source>Choose the review&apos;s decision: agreed or not agreed.</source>
        <translation>Elija la decisión de la revisión: de acuerdo o no de acuerdo.</translation>
    </message>
    <message>
        <source>The review&apos;s comment is longer than 2,000 characters.</source>
        <translation>El comentario de la revisión tiene más de 2.000 caracteres.</translation>
    </message>
    <message>
        <source>Save the consultation in the records first; a review is given to a stored consultation.</source>
        <translation>Guarde primero la consulta en los registros; la revisión se hace sobre una consulta guardada.</translation>
    </message>
    <message>
        <source>The physician who created this consultation cannot review it; the review is given by another physician.</source>
        <translation>El médico que creó esta consulta no puede revisarla; la revisión la hace otro médico.</translation>
    </message>
    <message>
        <source>The physician named on this consultation cannot review it; the review is given by another physician.</source>
        <translation>El médico que figura en esta consulta no puede revisarla; la revisión la hace otro médico.</translation>
    </message>
    <message>
        <source>This consultation is completed; a review is given before the handout.</source>
        <translation>Esta consulta está terminada; la revisión se hace antes del folleto.</translation>
    </message>
    <message>
        <source>This consultation was changed on another workstation after you opened it, so your changes were not saved over it. Open it again to see the stored version; your changes are still on this screen.</source>
        <translation>Esta consulta se cambió en otro puesto después de que usted la abriera, así que sus cambios no se guardaron encima. Ábrala de nuevo para ver la versión guardada; sus cambios siguen en esta pantalla.</translation>
    </message>
    <message>
        <source>This account is not active; sign in again.</source>
        <translation>Esta cuenta no está activa; vuelva a entrar.</translation>
    </message>
    <message>
        <source>Front desk cannot do this; sign in as a physician.</source>
        <translation>Recepción no puede hacer esto; entre como médico.</translation>
    </message>
    <message>
        <source>A physician cannot do this; sign in as a physician.</source>
        <translation>Un médico no puede hacer esto; entre como médico.</translation>
    </message>
    <message>
        <source>The command line cannot do this; sign in as a physician.</source>
        <translation>La línea de comandos no puede hacer esto; entre como médico.</translation>
    </message>
    <message>
        <source>Only a physician can add accounts.</source>
        <translation>Solo un médico puede añadir cuentas.</translation>
    </message>
    <message>
        <source>The first account must be a physician.</source>
        <translation>La primera cuenta debe ser de un médico.</translation>
    </message>
    <message>
        <source>Enter a name for the account.</source>
        <translation>Escriba un nombre para la cuenta.</translation>
    </message>
    <message>
        <source>An account named {name} already exists.</source>
        <translation>Ya existe una cuenta llamada {name}.</translation>
    </message>
    <message>
        <source>This consultation is completed; changes need an amendment, which keeps the earlier version.</source>
        <translation>Esta consulta está terminada; los cambios necesitan una enmienda, que conserva la versión anterior.</translation>
    </message>
    <message>
        <source>Give a reason for the amendment.</source>
        <translation>Indique un motivo para la enmienda.</translation>
    </message>
    <message>
        <source>This consultation is still a draft; save it instead.</source>
        <translation>Esta consulta es todavía un borrador; guárdela en su lugar.</translation>
    </message>
    <message>
        <source>No handout has been given for this consultation yet.</source>
        <translation>Todavía no se ha entregado ningún folleto para esta consulta.</translation>
    </message>
    <message>
        <source>The stored handout does not match its checksum; run &apos;consultaid records verify&apos; and restore a backup.</source>
        <translation>El folleto guardado no coincide con su suma de comprobación; ejecute &apos;consultaid records verify&apos; y restaure una copia de seguridad.</translation>
    </message>
    <message>
        <source>Give the handout first (print it or save it as a PDF); the acknowledgement refers to the handout as given.</source>
        <translation>Entregue primero el folleto (imprímalo o guárdelo como PDF); el acuse de recibo se refiere al folleto tal como se entregó.</translation>
    </message>
    <message>
        <source>The acknowledgement refers to another version of the handout than the one stored last; open the record again.</source>
        <translation>El acuse de recibo se refiere a otra versión del folleto distinta de la última guardada; abra el registro de nuevo.</translation>
    </message>
    <message>
        <source>This consultation already has an acknowledgement on record.</source>
        <translation>Esta consulta ya tiene un acuse de recibo registrado.</translation>
    </message>
    <message>
        <source>consultation {cid} does not match its audit log (changed outside consultaid), so it was not exported; run &apos;consultaid records verify&apos;</source>
        <translation>la consulta {cid} no coincide con su registro de auditoría (se modificó fuera de consultaid), por eso no se exportó; ejecute &apos;consultaid records verify&apos;</translation>
    </message>
    <message>
        <source>handout {handout} of consultation {cid} does not match its checksum or the audit log, so nothing was exported; run &apos;consultaid records verify&apos;</source>
        <translation>el folleto {handout} de la consulta {cid} no coincide con su suma de comprobación ni con el registro de auditoría, por eso no se exportó nada; ejecute &apos;consultaid records verify&apos;</translation>
    </message>
    <message>
        <source>The records are busy: another program or workstation is writing them, so nothing was written just now. Try again in a moment.</source>
        <translation>Los registros están ocupados: otro programa u otro puesto está escribiendo en ellos, así que ahora no se escribió nada. Inténtelo de nuevo en un momento.</translation>
    </message>
    <message>
        <source>The PIN must not contain control characters.</source>
        <translation>El PIN no debe contener caracteres de control.</translation>
    </message>
    <message>
        <source>The PIN must be {low} to {high} characters long.</source>
        <translation>El PIN debe tener de {low} a {high} caracteres.</translation>
    </message>
</context>
<context>
    <name>RecordsController</name>
    <message>
        <source>The draft could not be kept in the records: {problem}</source>
        <translation>El borrador no se pudo conservar en los registros: {problem}</translation>
    </message>
    <message>
        <source>This consultation is completed. Your changes become an amendment when you save (File &gt; Save); the earlier version is kept.</source>
        <translation>Esta consulta está terminada. Sus cambios serán una enmienda cuando guarde (Archivo &gt; Guardar); la versión anterior se conserva.</translation>
    </message>
    <message>
        <source>The draft could not be kept in the records: {exc}</source>
        <translation>El borrador no se pudo conservar en los registros: {exc}</translation>
    </message>
    <message>
        <source>The records answer again: the draft kept on this computer is now saved in the records.</source>
        <translation>Los registros vuelven a responder: el borrador guardado en este equipo ya está guardado en los registros.</translation>
    </message>
    <message>
        <source>Saved as a draft in the records.</source>
        <translation>Guardado como borrador en los registros.</translation>
    </message>
    <message>
        <source>The amendment was not saved: a reason is needed.</source>
        <translation>La enmienda no se guardó: hace falta un motivo.</translation>
    </message>
    <message>
        <source>The amendment was not saved: {exc}</source>
        <translation>La enmienda no se guardó: {exc}</translation>
    </message>
    <message>
        <source>Amendment {max} saved; the earlier version is kept.</source>
        <translation>Enmienda {max} guardada; la versión anterior se conserva.</translation>
    </message>
    <message>
        <source>Nothing was saved or printed: the changes to this completed consultation need an amendment, with its reason, first. The handout as given is unchanged.</source>
        <translation>No se guardó ni se imprimió nada: los cambios a esta consulta terminada necesitan primero una enmienda, con su motivo. El folleto tal como se entregó no cambia.</translation>
    </message>
    <message>
        <source>The handout was not stored with the record, because the records database is read-only (see the message above).</source>
        <translation>El folleto no se guardó con el registro, porque la base de datos de registros es solo de lectura (vea el mensaje de arriba).</translation>
    </message>
    <message>
        <source>The handout was not stored with the record, because the changes were not saved as an amendment.</source>
        <translation>El folleto no se guardó con el registro, porque los cambios no se guardaron como enmienda.</translation>
    </message>
    <message>
        <source>The handout was not stored with the record: {exc}</source>
        <translation>El folleto no se guardó con el registro: {exc}</translation>
    </message>
    <message>
        <source>Stored as a reprint variant of the handout as given; the consultation itself is unchanged.</source>
        <translation>Guardado como reimpresión del folleto tal como se entregó; la consulta en sí no cambia.</translation>
    </message>
    <message>
        <source>The handout as given is stored with the record.</source>
        <translation>El folleto tal como se entregó está guardado con el registro.</translation>
    </message>
    <message>
        <source>a patient without a name yet</source>
        <translation>un paciente todavía sin nombre</translation>
    </message>
    <message>
        <source>Unfinished consultation</source>
        <translation>Consulta sin terminar</translation>
    </message>
    <message>
        <source>You have an unfinished consultation for {who} from {stamp}. Open it?</source>
        <translation>Tiene una consulta sin terminar para {who} del {stamp}. ¿Abrirla?</translation>
    </message>
    <message>
        <source>The consultation could not be opened: {exc}</source>
        <translation>No se pudo abrir la consulta: {exc}</translation>
    </message>
    <message>
        <source>Opened the consultation of {visit_date} ({status_label}).</source>
        <translation>Se abrió la consulta del {visit_date} ({status_label}).</translation>
    </message>
    <message>
        <source>This record does not match its audit log: it was changed outside consultaid. Do not rely on it until the clinic&apos;s IT person has checked the records (consultaid records verify) or restored them from a backup.</source>
        <translation>Este registro no coincide con su registro de auditoría: se cambió fuera de consultaid. No confíe en él hasta que la persona de informática de la clínica haya revisado los registros (consultaid records verify) o los haya restaurado desde una copia de seguridad.</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>Visit date</source>
        <translation>Fecha de la visita</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>ID del paciente</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Afección</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <source>Handout given</source>
        <translation>Folleto entregado</translation>
    </message>
</context>
<context>
    <name>RecordsOps</name>
    <message>
        <source>something went wrong that consultaid did not expect; its type and place were written to the log for the clinic&apos;s IT person</source>
        <translation>ocurrió algo que consultaid no esperaba; su tipo y lugar quedaron escritos en el registro de eventos para la persona de informática de la clínica</translation>
    </message>
    <message>
        <source>Reconnecting to the records server…</source>
        <translation>Reconectando con el servidor de registros…</translation>
    </message>
    <message>
        <source>Waiting for the records…</source>
        <translation>Esperando los registros…</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>&amp;Back to the consultation</source>
        <translation>&amp;Volver a la consulta</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Buscar:</translation>
    </message>
    <message>
        <source>Patient name or ID</source>
        <translation>Nombre o ID del paciente</translation>
    </message>
    <message>
        <source>Find a patient by name or ID</source>
        <translation>Buscar un paciente por nombre o ID</translation>
    </message>
    <message>
        <source>Visits from</source>
        <translation>Visitas desde</translation>
    </message>
    <message>
        <source>any</source>
        <translation>cualquiera</translation>
    </message>
    <message>
        <source>Visits up to</source>
        <translation>Visitas hasta</translation>
    </message>
    <message>
        <source>F&amp;rom:</source>
        <translation>&amp;Desde:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Hasta:</translation>
    </message>
    <message>
        <source>All conditions</source>
        <translation>Todas las afecciones</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Afección</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Any follow-up</source>
        <translation>Cualquier seguimiento</translation>
    </message>
    <message>
        <source>Teach-back needs follow-up</source>
        <translation>La comprobación de lo entendido necesita seguimiento</translation>
    </message>
    <message>
        <source>Not acknowledged</source>
        <translation>Sin acuse de recibo</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Necesita atención</translation>
    </message>
    <message>
        <source>Stored consultations</source>
        <translation>Consultas guardadas</translation>
    </message>
    <message>
        <source>Records shown</source>
        <translation>Registros mostrados</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Abrir</translation>
    </message>
    <message>
        <source>&amp;View handout</source>
        <translation>&amp;Ver el folleto</translation>
    </message>
    <message>
        <source>&amp;Print handout…</source>
        <translation>&amp;Imprimir el folleto…</translation>
    </message>
    <message>
        <source>The records could not be searched: {exc}</source>
        <translation>No se pudo buscar en los registros: {exc}</translation>
    </message>
    <message>
        <source> (scroll for more)</source>
        <translation> (desplácese para ver más)</translation>
    </message>
    <message>
        <source>{rows} record(s) shown{more}</source>
        <translation>{rows} registro(s) mostrado(s){more}</translation>
    </message>
    <message>
        <source>No handout has been given for {patient_name}&apos;s consultation of {visit_date} yet.</source>
        <translation>Todavía no se ha entregado ningún folleto para la consulta de {patient_name} del {visit_date}.</translation>
    </message>
    <message>
        <source>The handout cannot be shown: {exc}</source>
        <translation>No se puede mostrar el folleto: {exc}</translation>
    </message>
    <message>
        <source>Handout as given — {patient_name}, {visit_date}</source>
        <translation>Folleto tal como se entregó — {patient_name}, {visit_date}</translation>
    </message>
    <message>
        <source>A handout is still being sent to the printer; wait a moment before printing again.</source>
        <translation>Todavía se está enviando un folleto a la impresora; espere un momento antes de volver a imprimir.</translation>
    </message>
    <message>
        <source>{text} The handout was printed exactly as given.</source>
        <translation>{text} El folleto se imprimió exactamente como se entregó.</translation>
    </message>
</context>
<context>
    <name>RecordsTableModel</name>
    <message>
        <source>Last changed {updated_at}</source>
        <translation>Último cambio: {updated_at}</translation>
    </message>
</context>
<context>
    <name>RefreshGuard</name>
    <message>
        <source>This record cannot be screened: part of it could not be read, so nothing of it is shown here and no handout can be made from it. Nothing was changed. Open another record or start a new consultation (File &gt; New), and tell the clinic&apos;s IT person which record this was.</source>
        <translation>Este registro no se puede evaluar: una parte no se pudo leer, así que aquí no se muestra nada de él y no se puede hacer ningún folleto con él. No se cambió nada. Abra otro registro o empiece una consulta nueva (Archivo &gt; Nueva), y diga a la persona de informática de la clínica qué registro era.</translation>
    </message>
</context>
<context>
    <name>ReviewControl</name>
    <message>
        <source>agreed</source>
        <translation>de acuerdo</translation>
    </message>
    <message>
        <source>did not agree</source>
        <translation>no estuvo de acuerdo</translation>
    </message>
    <message>
        <source>Reviewed by {reviewer} on {when}: {said}.</source>
        <translation>Revisado por {reviewer} el {when}: {said}.</translation>
    </message>
    <message>
        <source>The review of {when} by {reviewer} is out of date: the screening answers changed since. Ask for a new review.</source>
        <translation>La revisión del {when} por {reviewer} está desactualizada: las respuestas de la evaluación cambiaron desde entonces. Pida una revisión nueva.</translation>
    </message>
    <message>
        <source>Not verified: this consultation is not read from the records, so no signed review can be checked. Save it in the records and ask for a review.</source>
        <translation>Sin verificar: esta consulta no se leyó de los registros, así que no se puede comprobar ninguna revisión firmada. Guárdela en los registros y pida una revisión.</translation>
    </message>
    <message>
        <source>Waiting for a second physician&apos;s review (Review… below).</source>
        <translation>Esperando la revisión de un segundo médico (Revisar… abajo).</translation>
    </message>
    <message>
        <source>A review is signed in the records: sign in to use them first.</source>
        <translation>Una revisión se firma en los registros: entre primero para usarlos.</translation>
    </message>
    <message>
        <source>This consultation is completed: a review is given before the handout.</source>
        <translation>Esta consulta está terminada: la revisión se hace antes del folleto.</translation>
    </message>
    <message>
        <source>{name} created this consultation and cannot review it.</source>
        <translation>{name} creó esta consulta y no puede revisarla.</translation>
    </message>
    <message>
        <source>{name} is named as the physician on the Patient step, so cannot review it either; correct that name if it is wrong.</source>
        <translation>{name} figura como médico en el paso Paciente, así que tampoco puede revisarla; corrija ese nombre si está mal.</translation>
    </message>
    <message>
        <source>The list could not be read from the records: {exc}</source>
        <translation>No se pudo leer la lista de los registros: {exc}</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Agreed: may proceed to evaluation</source>
        <translation>De acuerdo: puede pasar a la evaluación</translation>
    </message>
    <message>
        <source>Does not agree</source>
        <translation>No está de acuerdo</translation>
    </message>
    <message>
        <source>Second physician&apos;s review</source>
        <translation>Revisión del segundo médico</translation>
    </message>
    <message>
        <source>The second physician reviews the screening answers as they are now and signs with their own PIN. The date and time are added by the records.</source>
        <translation>El segundo médico revisa las respuestas de la evaluación tal como están ahora y firma con su propio PIN. Los registros añaden la fecha y la hora.</translation>
    </message>
    <message>
        <source>(not known from the records)</source>
        <translation>(no consta en los registros)</translation>
    </message>
    <message>
        <source>Treating physician</source>
        <translation>Médico tratante</translation>
    </message>
    <message>
        <source>Treating physician:</source>
        <translation>Médico tratante:</translation>
    </message>
    <message>
        <source>&amp;Reviewer:</source>
        <translation>&amp;Revisor:</translation>
    </message>
    <message>
        <source>Reviewer&apos;s &amp;PIN:</source>
        <translation>&amp;PIN del revisor:</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisión</translation>
    </message>
    <message>
        <source>&amp;Decision:</source>
        <translation>&amp;Decisión:</translation>
    </message>
    <message>
        <source>Co&amp;mment:</source>
        <translation>Co&amp;mentario:</translation>
    </message>
    <message>
        <source>Review problem</source>
        <translation>Problema con la revisión</translation>
    </message>
    <message>
        <source>&amp;Sign review</source>
        <translation>&amp;Firmar la revisión</translation>
    </message>
    <message>
        <source>No other physician account is left to review it; add one with File &gt; Accounts….</source>
        <translation>No queda otra cuenta de médico que pueda revisarla; agregue una en Archivo &gt; Cuentas….</translation>
    </message>
    <message>
        <source>There is no other active physician account to review this consultation. Add one with File &gt; Accounts….</source>
        <translation>No hay otra cuenta de médico activa para revisar esta consulta. Añada una con Archivo &gt; Cuentas….</translation>
    </message>
    <message>
        <source>Type {reviewer}&apos;s PIN first.</source>
        <translation>Primero escriba el PIN de {reviewer}.</translation>
    </message>
    <message>
        <source>Choose the decision first: agreed, or does not agree.</source>
        <translation>Primero elija la decisión: de acuerdo o no de acuerdo.</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Physician</source>
        <translation>Médico</translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation>Recepción</translation>
    </message>
    <message>
        <source>Unknown role</source>
        <translation>Función desconocida</translation>
    </message>
</context>
<context>
    <name>ScreeningPage</name>
    <message>
        <source>— not answered —</source>
        <translation>— sin responder —</translation>
    </message>
    <message>
        <source>Screening checklist</source>
        <translation>Lista de evaluación</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Lista</translation>
    </message>
    <message>
        <source>Second physician&apos;s review</source>
        <translation>Revisión del segundo médico</translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation>&amp;Revisar…</translation>
    </message>
    <message>
        <source>A second physician signs the review with their own PIN (not the physician who made this consultation).</source>
        <translation>Un segundo médico firma la revisión con su propio PIN (no el médico que hizo esta consulta).</translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <source>{language} handouts: translation reviewed by {reviewer} ({qualification}) on {date}.</source>
        <translation>Folletos ({language}): traducción revisada por {reviewer} ({qualification}) el {date}.</translation>
    </message>
    <message>
        <source>{language} handouts come from a draft translation that no qualified medical translator has reviewed yet; each handout says so, in both languages. Go over it with the patient, or with an interpreter.</source>
        <translation>Folletos ({language}): vienen de una traducción en borrador que ninguna persona traductora médica cualificada ha revisado todavía; cada folleto lo dice, en los dos idiomas. Repáselo con el paciente o con un intérprete.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>The paper size {paper} is not one consultaid prints on; choose A4 or Letter.</source>
        <translation>El tamaño de papel {paper} no es uno en el que consultaid imprima; elija A4 o Carta.</translation>
    </message>
    <message>
        <source>Choose the language the handouts are written in.</source>
        <translation>Elija el idioma en el que se escriben los folletos.</translation>
    </message>
    <message>
        <source>The logo file {path} does not exist; choose the clinic&apos;s logo again, or leave the logo empty.</source>
        <translation>El archivo de logotipo {path} no existe; vuelva a elegir el logotipo de la clínica o deje el logotipo vacío.</translation>
    </message>
    <message>
        <source>Give the date the regulatory text was last checked (it is printed on every handout).</source>
        <translation>Indique la fecha en que se comprobó por última vez el texto regulatorio (se imprime en cada folleto).</translation>
    </message>
    <message>
        <source>The date is in the future; give the date the regulatory text was really checked.</source>
        <translation>La fecha está en el futuro; indique la fecha en que el texto regulatorio se comprobó de verdad.</translation>
    </message>
    <message>
        <source>{code} is not a jurisdiction code; choose one from the list (an ISO 3166-2 code such as US, US-CA or DE).</source>
        <translation>{code} no es un código de jurisdicción; elija uno de la lista (un código ISO 3166-2 como US, US-CA o DE).</translation>
    </message>
    <message>
        <source>{email} is not an email address; write it as name@example.org, or leave it empty.</source>
        <translation>{email} no es una dirección de correo electrónico; escríbala como nombre@example.org, o déjela vacía.</translation>
    </message>
    <message>
        <source>{language} is not a language the app knows; choose one from the list, or &quot;system&quot;.</source>
        <translation>{language} no es un idioma que la aplicación conozca; elija uno de la lista, o &quot;system&quot;.</translation>
    </message>
    <message>
        <source>The screen lock must be a whole number of minutes from {low} to {high}, not {value}.</source>
        <translation>El bloqueo de pantalla debe ser un número entero de minutos de {low} a {high}, no {value}.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Clinic settings</source>
        <translation>Configuración de la clínica</translation>
    </message>
    <message>
        <source>Clinic (printed on every handout)</source>
        <translation>Clínica (se imprime en cada folleto)</translation>
    </message>
    <message>
        <source>Clinic &amp;name:</source>
        <translation>&amp;Nombre de la clínica:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Dirección:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>Correo &amp;electrónico:</translation>
    </message>
    <message>
        <source>&amp;Website:</source>
        <translation>&amp;Sitio web:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>E&amp;xaminar…</translation>
    </message>
    <message>
        <source>Choose a logo file</source>
        <translation>Elegir un archivo de logotipo</translation>
    </message>
    <message>
        <source>&amp;Logo (PNG or JPEG):</source>
        <translation>&amp;Logotipo (PNG o JPEG):</translation>
    </message>
    <message>
        <source>Where the clinic works, and its regulatory text</source>
        <translation>Dónde trabaja la clínica y su texto regulatorio</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Sin definir</translation>
    </message>
    <message>
        <source>&amp;Jurisdiction:</source>
        <translation>&amp;Jurisdicción:</translation>
    </message>
    <message>
        <source>Leave empty to use the content pack&apos;s text</source>
        <translation>Déjelo vacío para usar el texto del paquete de contenidos</translation>
    </message>
    <message>
        <source>Regulatory &amp;text:</source>
        <translation>Texto re&amp;gulatorio:</translation>
    </message>
    <message>
        <source>Regulatory text checked on</source>
        <translation>Texto regulatorio comprobado el</translation>
    </message>
    <message>
        <source>&amp;Checked on:</source>
        <translation>&amp;Comprobado el:</translation>
    </message>
    <message>
        <source>Handout</source>
        <translation>Folleto</translation>
    </message>
    <message>
        <source>&amp;Funding statement:</source>
        <translation>Declaración de &amp;financiación:</translation>
    </message>
    <message>
        <source>Total pr&amp;ice:</source>
        <translation>P&amp;recio total:</translation>
    </message>
    <message>
        <source>e.g. $6,500 in total: cell collection, lab work, one injection, 4 check-ups</source>
        <translation>p. ej., 6.500 $ en total: obtención de células, análisis de laboratorio, una inyección, 4 revisiones</translation>
    </message>
    <message>
        <source>As usual in the jurisdiction (US: Letter)</source>
        <translation>El habitual de la jurisdicción (EE. UU.: Carta)</translation>
    </message>
    <message>
        <source>US Letter</source>
        <translation>Carta (EE. UU.)</translation>
    </message>
    <message>
        <source>Default pape&amp;r:</source>
        <translation>&amp;Papel por defecto:</translation>
    </message>
    <message>
        <source>Default lan&amp;guage:</source>
        <translation>Id&amp;ioma por defecto:</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Seguridad</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Loc&amp;k after idle:</source>
        <translation>Blo&amp;quear tras inactividad:</translation>
    </message>
    <message>
        <source>Settings problems</source>
        <translation>Problemas de la configuración</translation>
    </message>
    <message>
        <source>This computer&apos;s screens</source>
        <translation>Las pantallas de este equipo</translation>
    </message>
    <message>
        <source>The computer&apos;s language</source>
        <translation>El idioma del equipo</translation>
    </message>
    <message>
        <source>App lang&amp;uage:</source>
        <translation>Idioma de la &amp;aplicación:</translation>
    </message>
    <message>
        <source>The menus and messages change the next time consultaid starts; handouts are written in each patient&apos;s language (Patient step).</source>
        <translation>Los menús y los mensajes cambian la próxima vez que se abre consultaid; los folletos se escriben en el idioma de cada paciente (paso Paciente).</translation>
    </message>
    <message>
        <source>{plain_name}: problem</source>
        <translation>{plain_name}: problema</translation>
    </message>
    <message>
        <source>Choose the clinic&apos;s logo</source>
        <translation>Elegir el logotipo de la clínica</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>The settings were not saved: {exc}</source>
        <translation>La configuración no se guardó: {exc}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts — consultaid</source>
        <translation>Atajos de teclado — consultaid</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
</context>
<context>
    <name>ShortcutsHelp</name>
    <message>
        <source>Next step</source>
        <translation>Paso siguiente</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>Paso anterior</translation>
    </message>
    <message>
        <source>Go to step 1 … 6</source>
        <translation>Ir al paso 1 … 6</translation>
    </message>
    <message>
        <source>Alt + underlined letter</source>
        <translation>Alt + letra subrayada</translation>
    </message>
    <message>
        <source>Go to the field with that label, or press that button</source>
        <translation>Ir al campo con esa etiqueta, o pulsar ese botón</translation>
    </message>
    <message>
        <source>Next / previous field</source>
        <translation>Campo siguiente / anterior</translation>
    </message>
    <message>
        <source>Alt+Down or F4</source>
        <translation>Alt+Abajo o F4</translation>
    </message>
    <message>
        <source>In a date field: open the calendar (Enter picks the day)</source>
        <translation>En un campo de fecha: abrir el calendario (Intro elige el día)</translation>
    </message>
    <message>
        <source>In the follow-up plan: edit the chosen cell</source>
        <translation>En el plan de seguimiento: editar la celda elegida</translation>
    </message>
    <message>
        <source>In the follow-up plan: bring back the row just removed</source>
        <translation>En el plan de seguimiento: recuperar la fila recién quitada</translation>
    </message>
    <message>
        <source>Escape</source>
        <translation>Escape</translation>
    </message>
    <message>
        <source>Close the message at the top of the window</source>
        <translation>Cerrar el mensaje de arriba de la ventana</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Signature pad</source>
        <translation>Panel de firma</translation>
    </message>
    <message>
        <source>Sign here with the mouse, a pen or a finger. Without a mouse or pen, choose &apos;Signed on paper&apos; or &apos;Verbal&apos;.</source>
        <translation>Firme aquí con el ratón, un lápiz o un dedo. Sin ratón ni lápiz, elija «Firmado en papel» o «De palabra».</translation>
    </message>
</context>
<context>
    <name>SigningDialog</name>
    <message>
        <source>Sign on screen</source>
        <translation>Firmar en pantalla</translation>
    </message>
    <message>
        <source>Sign in the box with the mouse, a pen or a finger, then click Done.</source>
        <translation>Firme en el recuadro con el ratón, un lápiz o el dedo y luego haga clic en Listo.</translation>
    </message>
    <message>
        <source>Clear signat&amp;ure</source>
        <translation>Borrar la &amp;firma</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Listo</translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <source>not started</source>
        <translation>sin empezar</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecho</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>necesita atención</translation>
    </message>
    <message>
        <source>Patient &amp; visit</source>
        <translation>Paciente y visita</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>Evaluación</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Afección</translation>
    </message>
    <message>
        <source>Expectations</source>
        <translation>Expectativas</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>Handout</source>
        <translation>Folleto</translation>
    </message>
    <message>
        <source>{shown} and {more} more</source>
        <translation>{shown} y {more} más</translation>
    </message>
    <message>
        <source>patient name needed</source>
        <translation>falta el nombre del paciente</translation>
    </message>
    <message>
        <source>physician needed</source>
        <translation>falta el médico</translation>
    </message>
    <message>
        <source>patient name and physician needed</source>
        <translation>faltan el nombre del paciente y el médico</translation>
    </message>
    <message>
        <source>{count} answer(s) cannot be right</source>
        <translation>{count} respuesta(s) no pueden ser correctas</translation>
    </message>
    <message>
        <source>not answered: {items}</source>
        <translation>sin responder: {items}</translation>
    </message>
    <message>
        <source>second physician review pending</source>
        <translation>revisión del segundo médico pendiente</translation>
    </message>
    <message>
        <source>the chosen condition is not in this content pack; choose it again</source>
        <translation>la afección elegida no está en este paquete de contenidos; elíjala de nuevo</translation>
    </message>
    <message>
        <source>teach-back: {count} point(s) need attention</source>
        <translation>comprobación de lo entendido: {count} punto(s) necesitan atención</translation>
    </message>
    <message>
        <source>{covered} of {total} points covered</source>
        <translation>{covered} de {total} puntos tratados</translation>
    </message>
    <message>
        <source>a row has no &apos;when&apos; or &apos;what&apos;</source>
        <translation>una fila no tiene «cuándo» o «qué»</translation>
    </message>
    <message>
        <source>proposed from the template; check it</source>
        <translation>propuesto a partir de la plantilla; revíselo</translation>
    </message>
    <message>
        <source>variant: {verdict}</source>
        <translation>variante: {verdict}</translation>
    </message>
    <message>
        <source>{count} script point(s) not covered</source>
        <translation>{count} punto(s) del guion sin tratar</translation>
    </message>
    <message>
        <source>{count} point(s) not yet understood</source>
        <translation>{count} punto(s) aún no entendidos</translation>
    </message>
    <message>
        <source>{law}: consent elements and signed acknowledgement missing</source>
        <translation>{law}: faltan los elementos del consentimiento y el acuse de recibo firmado</translation>
    </message>
    <message>
        <source>{law}: consent elements missing</source>
        <translation>{law}: faltan los elementos del consentimiento</translation>
    </message>
    <message>
        <source>{law}: signed acknowledgement missing</source>
        <translation>{law}: falta el acuse de recibo firmado</translation>
    </message>
</context>
<context>
    <name>TeachBack</name>
    <message>
        <source>Understood</source>
        <translation>Entendido</translation>
    </message>
    <message>
        <source>Re-taught, then understood</source>
        <translation>Explicado de nuevo, luego entendido</translation>
    </message>
    <message>
        <source>Not yet understood</source>
        <translation>Aún no entendido</translation>
    </message>
</context>
<context>
    <name>TeachBackRows</name>
    <message>
        <source>Not checked yet</source>
        <translation>Aún sin comprobar</translation>
    </message>
    <message>
        <source>Point {number} teach-back outcome</source>
        <translation>Resultado de la comprobación del punto {number}</translation>
    </message>
    <message>
        <source>Patient takeaway: {takeaway}</source>
        <translation>Lo que el paciente debe llevarse: {takeaway}</translation>
    </message>
    <message>
        <source>The patient&apos;s words (optional)</source>
        <translation>Las palabras del paciente (opcional)</translation>
    </message>
    <message>
        <source>Point {number}: the patient&apos;s own words</source>
        <translation>Punto {number}: las palabras del propio paciente</translation>
    </message>
    <message>
        <source>{number}. {point}</source>
        <translation>{number}. {point}</translation>
    </message>
    <message>
        <source>{say}
Patient takeaway: “{takeaway}”</source>
        <translation>{say}
Lo que el paciente debe llevarse: «{takeaway}»</translation>
    </message>
    <message>
        <source>said:</source>
        <translation>dijo:</translation>
    </message>
    <message>
        <source>✓ Every point was said back and understood.</source>
        <translation>✓ Cada punto se repitió y se entendió.</translation>
    </message>
    <message>
        <source>⚠ Teach-back still needs attention for point {numbers}.</source>
        <translation>⚠ La comprobación de lo entendido aún necesita atención en el punto {numbers}.</translation>
    </message>
</context>
<context>
    <name>Translation</name>
    <message>
        <source>The app&apos;s words in this language were reviewed by {reviewer} on {date}.</source>
        <translation>{reviewer} revisó las palabras de la aplicación en este idioma el {date}.</translation>
    </message>
    <message>
        <source>The app&apos;s words in this language are a draft translation: no qualified translator has reviewed them yet.</source>
        <translation>Las palabras de la aplicación en este idioma son una traducción en borrador: ninguna persona traductora cualificada las ha revisado todavía.</translation>
    </message>
</context>
<context>
    <name>VerdictBanner</name>
    <message>
        <source>Verdict</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Razones</translation>
    </message>
    <message>
        <source>Screening verdict</source>
        <translation>Resultado de la evaluación</translation>
    </message>
    <message>
        <source>&lt;h3&gt;{sign} Verdict: {verdict}&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;{sign} Resultado: {verdict}&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Reasons&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Motivos&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;li&gt;&lt;b&gt;{verdict}:&lt;/b&gt; {reason}&lt;/li&gt;</source>
        <translation>&lt;li&gt;&lt;b&gt;{verdict}:&lt;/b&gt; {reason}&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;⚠ Answers that cannot be right (counted as unanswered)&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;⚠ Respuestas que no pueden ser correctas (cuentan como sin responder)&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;</translation>
    </message>
</context>
<context>
    <name>WaitingDialog</name>
    <message>
        <source>Waiting for my review</source>
        <translation>Pendientes de mi revisión</translation>
    </message>
    <message>
        <source>Consultations another physician made whose screening answers no signed review covers yet. Open one, check it, then use Review… on its Screening step.</source>
        <translation>Consultas hechas por otro médico cuyas respuestas de la evaluación no están cubiertas aún por ninguna revisión firmada. Abra una, revísela y después use Revisar… en su paso de Evaluación.</translation>
    </message>
    <message>
        <source>Nothing is waiting for your review.</source>
        <translation>No hay nada pendiente de su revisión.</translation>
    </message>
    <message>
        <source>Consultations waiting for review</source>
        <translation>Consultas pendientes de revisión</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>(todavía sin nombre)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Abrir</translation>
    </message>
</context>
<context>
    <name>WizardView</name>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>The consultation&apos;s steps and their state</source>
        <translation>Los pasos de la consulta y su estado</translation>
    </message>
    <message>
        <source>◀ &amp;Back</source>
        <translation>◀ A&amp;trás</translation>
    </message>
    <message>
        <source>Back to the previous step</source>
        <translation>Volver al paso anterior</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>&amp;Siguiente ▶</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Paso siguiente</translation>
    </message>
    <message>
        <source>St&amp;eps:</source>
        <translation>Pas&amp;os:</translation>
    </message>
    <message>
        <source>Step {number} of {total}: {title}</source>
        <translation>Paso {number} de {total}: {title}</translation>
    </message>
    <message>
        <source>⚠ {number}. {title}
    cannot be shown</source>
        <translation>⚠ {number}. {title}
    no se puede mostrar</translation>
    </message>
    <message>
        <source>Step {number}, {title}: cannot be shown.</source>
        <translation>Paso {number}, {title}: no se puede mostrar.</translation>
    </message>
    <message>
        <source>Step {number}, {title}: {state}. {detail}</source>
        <translation>Paso {number}, {title}: {state}. {detail}</translation>
    </message>
    <message>
        <source>another step</source>
        <translation>otro paso</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>something went wrong that consultaid did not expect; its type and place were written to the log for the clinic&apos;s IT person</source>
        <translation>ocurrió algo que consultaid no esperaba; su tipo y lugar quedaron escritos en el registro de eventos para la persona de informática de la clínica</translation>
    </message>
</context>
<context>
    <name>_CalendarPopup</name>
    <message>
        <source>Calendar</source>
        <translation>Calendario</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Año</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>&amp;Año:</translation>
    </message>
</context>
</TS>
