<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>CameraView</name>
    <message>
        <location filename="../ui/camera_view.py" line="37" />
        <source>Camera picture</source>
        <translation>Camera picture</translation>
    </message>
</context>
<context>
    <name>DocumentsScreen</name>
    <message>
        <location filename="../ui/screens/documents.py" line="35" />
        <source>Document %1 of %2</source>
        <translation>Document %1 of %2</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="39" />
        <location filename="../ui/screens/documents.py" line="262" />
        <source>Photograph: %1</source>
        <translation>Photograph: %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="52" />
        <source>Lay it flat under the camera, inside the frame.</source>
        <translation>Lay it flat under the camera, inside the frame.</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="57" />
        <source>Photo preview</source>
        <translation>Photo preview</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="66" />
        <source>✓ Photo taken. Touch Next, or take it again.</source>
        <translation>✓ Photo taken. Touch Next, or take it again.</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="73" />
        <source>Take the photo again</source>
        <translation>Take the photo again</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="73" />
        <source>Take the photo</source>
        <translation>Take the photo</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="75" />
        <source>Retake</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="76" />
        <source>Use this photo</source>
        <translation>Use this photo</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="77" />
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="105" />
        <source>Take photo now</source>
        <translation>Take photo now</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="186" />
        <source>Is the whole page clear? Touch “Use this photo”, or “Retake”.</source>
        <translation>Is the whole page clear? Touch “Use this photo”, or “Retake”.</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../ui/screens/form.py" line="55" />
        <source>Question %1 of %2</source>
        <translation>Question %1 of %2</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="55" />
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="71" />
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="134" />
        <source> (optional)</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="171" />
        <source>A helper can type this for you</source>
        <translation>A helper can type this for you</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="180" />
        <location filename="../ui/screens/form.py" line="186" />
        <source>Touch to type</source>
        <translation>Touch to type</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="182" />
        <source>Change %1</source>
        <translation>Change %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="239" />
        <location filename="../ui/screens/form.py" line="242" />
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <location filename="../ui/screens/guide.py" line="19" />
        <source>Please have ready:</source>
        <translation>Please have ready:</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="21" />
        <source>Steps:</source>
        <translation>Steps:</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="23" />
        <source>Time: %1</source>
        <translation>Time: %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="24" />
        <source>To prove who you are: %1</source>
        <translation>To prove who you are: %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="27" />
        <source>Your appointment: %1</source>
        <translation>Your appointment: %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="30" />
        <source>One form, sent to: %1</source>
        <translation>One form, sent to: %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="31" />
        <location filename="../ui/screens/guide.py" line="42" />
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="34" />
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="37" />
        <source>ID number, with a helper</source>
        <translation>ID number, with a helper</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="37" />
        <source>ID card</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="38" />
        <source>ID card and a photo of your face</source>
        <translation>ID card and a photo of your face</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="44" />
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="45" />
        <source>Please have ready: %1.</source>
        <translation>Please have ready: %1.</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="46" />
        <source>Touch Start when you are ready.</source>
        <translation>Touch Start when you are ready.</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../ui/screens/home.py" line="66" />
        <source>Welcome. Touch the service you need.</source>
        <translation>Welcome. Touch the service you need.</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="88" />
        <source>Check the progress of an application</source>
        <translation>Check the progress of an application</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="76" />
        <location filename="../ui/screens/home.py" line="92" />
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="93" />
        <source>Welcome. Touch the service you need: %1.</source>
        <translation>Welcome. Touch the service you need: %1.</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="76" />
        <source>Bring: %1</source>
        <translation>Bring: %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="78" />
        <source>Takes: %1</source>
        <translation>Takes: %1</translation>
    </message>
</context>
<context>
    <name>IdentityScreen</name>
    <message>
        <location filename="../ui/screens/identity.py" line="46" />
        <location filename="../ui/screens/identity.py" line="145" />
        <location filename="../ui/screens/identity.py" line="448" />
        <source>Please place your ID card on the reader.</source>
        <translation>Please place your ID card on the reader.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="47" />
        <location filename="../ui/screens/identity.py" line="78" />
        <location filename="../ui/screens/identity.py" line="84" />
        <location filename="../ui/screens/identity.py" line="123" />
        <source>Waiting for the card…</source>
        <translation>Waiting for the card…</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="53" />
        <source>No card? Type the ID number with a helper</source>
        <translation>No card? Type the ID number with a helper</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="74" />
        <source>Reading the card… please keep it still.</source>
        <translation>Reading the card… please keep it still.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="81" />
        <source>The card reader is not connected. Please ask a helper.</source>
        <translation>The card reader is not connected. Please ask a helper.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="94" />
        <source>Card read.</source>
        <translation>Card read.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="97" />
        <source>Is this you: %1?</source>
        <translation>Is this you: %1?</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="101" />
        <source>Yes, continue</source>
        <translation>Yes, continue</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="102" />
        <source>No, that is not me</source>
        <translation>No, that is not me</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="165" />
        <source>Type the ID number (a helper stays with you).</source>
        <translation>Type the ID number (a helper stays with you).</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="182" />
        <source>Type the ID number.</source>
        <translation>Type the ID number.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="187" />
        <location filename="../ui/screens/identity.py" line="349" />
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="224" />
        <source>Now a photo of your face.</source>
        <translation>Now a photo of your face.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="225" />
        <location filename="../ui/screens/identity.py" line="441" />
        <source>Now a photo of your face. Look at the camera and touch the button.</source>
        <translation>Now a photo of your face. Look at the camera and touch the button.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="238" />
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="239" />
        <source>Turn my head instead</source>
        <translation>Turn my head instead</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="259" />
        <source>No camera: a helper will compare your face with the card.</source>
        <translation>No camera: a helper will compare your face with the card.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="266" />
        <source>Take my photo</source>
        <translation>Take my photo</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="287" />
        <source>Touch the button and a helper will check your face.</source>
        <translation>Touch the button and a helper will check your face.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="289" />
        <source>The camera works again. Please look at it.</source>
        <translation>The camera works again. Please look at it.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="303" />
        <source>That did not work. Touch “Try again”, or the button and a helper will check.</source>
        <translation>That did not work. Touch “Try again”, or the button and a helper will check.</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../ui/idle_overlay.py" line="35" />
        <location filename="../ui/idle_overlay.py" line="77" />
        <source>Are you still there?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location filename="../ui/idle_overlay.py" line="38" />
        <source>I am still here</source>
        <translation>I am still here</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/idle_overlay.py" line="54" />
        <source>This session will end in %n seconds to protect your privacy.</source>
        <translation>
            <numerusform>This session will end in %n second to protect your privacy.</numerusform>
            <numerusform>This session will end in %n seconds to protect your privacy.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/idle_overlay.py" line="78" />
        <source>Touch “I am still here” to continue.</source>
        <translation>Touch “I am still here” to continue.</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../ui/keypad.py" line="101" />
        <source>⌫ Delete</source>
        <translation>⌫ Delete</translation>
    </message>
    <message>
        <location filename="../ui/keypad.py" line="101" />
        <location filename="../ui/keypad.py" line="102" />
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../ui/keypad.py" line="104" />
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/keypad.py" line="199" />
        <source>Typed so far: %n characters</source>
        <translation>
            <numerusform>Typed so far: %n character</numerusform>
            <numerusform>Typed so far: %n characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/keypad.py" line="209" />
        <source>%n more to type</source>
        <translation>
            <numerusform>%n more to type</numerusform>
            <numerusform>%n more to type</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/keypad.py" line="216" />
        <source>✓ Check digit correct</source>
        <translation>✓ Check digit correct</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="330" />
        <location filename="../ui/main_window.py" line="339" />
        <source>Language: %1</source>
        <translation>Language: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="332" />
        <location filename="../ui/main_window.py" line="340" />
        <source>Elder mode</source>
        <translation>Elder mode</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="340" />
        <source>✓ Elder mode</source>
        <translation>✓ Elder mode</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="333" />
        <location filename="../ui/main_window.py" line="341" />
        <source>Voice guidance unavailable</source>
        <translation>Voice guidance unavailable</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="331" />
        <source>✓ Elder</source>
        <translation>✓ Elder</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="331" />
        <source>Elder</source>
        <translation>Elder</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="334" />
        <location filename="../ui/main_window.py" line="342" />
        <source>Sound</source>
        <translation>Sound</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="334" />
        <location filename="../ui/main_window.py" line="342" />
        <source>Sound: speed and volume</source>
        <translation>Sound: speed and volume</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="335" />
        <location filename="../ui/main_window.py" line="343" />
        <source>Repeat</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="336" />
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="336" />
        <source>Help: call a helper</source>
        <translation>Help: call a helper</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="344" />
        <source>Call a helper</source>
        <translation>Call a helper</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="384" />
        <source>Slower</source>
        <translation>Slower</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="385" />
        <source>Faster</source>
        <translation>Faster</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="386" />
        <source>Quieter</source>
        <translation>Quieter</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="387" />
        <source>Louder</source>
        <translation>Louder</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="395" />
        <source>Volume %1%</source>
        <translation>Volume %1%</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="396" />
        <source>Speed %1</source>
        <translation>Speed %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="406" />
        <source>This code is not a Waystation receipt or appointment. Please show the receipt's QR code.</source>
        <translation>This code is not a Waystation receipt or appointment. Please show the receipt's QR code.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="475" />
        <source>Application number</source>
        <translation>Application number</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="475" />
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="476" />
        <source>Keep this receipt to check progress.</source>
        <translation>Keep this receipt to check progress.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="404" />
        <source>A helper is coming to you. Please wait here.</source>
        <translation>A helper is coming to you. Please wait here.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="405" />
        <source>Please wave to a helper: the request could not be saved.</source>
        <translation>Please wave to a helper: the request could not be saved.</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../ui/screens/rating.py" line="35" />
        <source>Very satisfied</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="35" />
        <source>Satisfied</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="36" />
        <source>Fairly satisfied</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="36" />
        <source>Dissatisfied</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="37" />
        <source>Very dissatisfied</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="41" />
        <source>How was the service today?</source>
        <translation>How was the service today?</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="43" />
        <source>Touch one. Your answer is anonymous; you may skip.</source>
        <translation>Touch one. Your answer is anonymous; you may skip.</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="58" />
        <source>We are sorry. What went wrong? Touch all that apply.</source>
        <translation>We are sorry. What went wrong? Touch all that apply.</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="68" />
        <source>Ask a helper to come</source>
        <translation>Ask a helper to come</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="99" />
        <source>Skip</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="110" />
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="133" />
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="132" />
        <source>We are sorry. What went wrong? Touch all that apply, then Send.</source>
        <translation>We are sorry. What went wrong? Touch all that apply, then Send.</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="134" />
        <source>How was the service today? %1. Or touch Skip.</source>
        <translation>How was the service today? %1. Or touch Skip.</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <location filename="../ui/screens/receipt.py" line="37" />
        <source>✓ Your application has been received.</source>
        <translation>✓ Your application has been received.</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="41" />
        <source>Application number:</source>
        <translation>Application number:</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="50" />
        <source>QR code of the application number</source>
        <translation>QR code of the application number</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="57" />
        <source>Keep this number: you can check progress with it or with your ID card.</source>
        <translation>Keep this number: you can check progress with it or with your ID card.</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="60" />
        <source>Your receipt is being printed below the screen.</source>
        <translation>Your receipt is being printed below the screen.</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="61" />
        <source>A copy of this receipt is saved; a helper can print it for you.</source>
        <translation>A copy of this receipt is saved; a helper can print it for you.</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="62" />
        <source>The printer did not work; a copy is saved and a helper can print it.</source>
        <translation>The printer did not work; a copy is saved and a helper can print it.</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="70" />
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="78" />
        <source>Your application has been received. Your application number is %1.</source>
        <translation>Your application has been received. Your application number is %1.</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../ui/screens/review.py" line="37" />
        <source>Please check your answers.</source>
        <translation>Please check your answers.</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="52" />
        <location filename="../ui/screens/review.py" line="68" />
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="53" />
        <location filename="../ui/screens/review.py" line="69" />
        <source>Change %1</source>
        <translation>Change %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="67" />
        <source>✓ photo taken</source>
        <translation>✓ photo taken</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="67" />
        <source>— no photo</source>
        <translation>— no photo</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="136" />
        <source>(not given)</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="147" />
        <source>Please check your answers. Touch Change to correct one, or Submit when all is right.</source>
        <translation>Please check your answers. Touch Change to correct one, or Submit when all is right.</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="94" />
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="78" />
        <source>Submit</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="95" />
        <source>Show %1 for 10 seconds</source>
        <translation>Show %1 for 10 seconds</translation>
    </message>
</context>
<context>
    <name>SavingScreen</name>
    <message>
        <location filename="../ui/main_window.py" line="66" />
        <source>Saving your application…</source>
        <translation>Saving your application…</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../ui/screens/base.py" line="115" />
        <source>Back</source>
        <extracomment>key of the spoken prompt (voice guidance) for this screen</extracomment>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>StationHeader</name>
    <message>
        <location filename="../ui/station_header.py" line="80" />
        <source>The network is down for now; applications are saved on this kiosk first</source>
        <translation>The network is down for now; applications are saved on this kiosk first</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <location filename="../ui/screens/status.py" line="32" />
        <source>Check the progress of your applications</source>
        <extracomment>every status an application can have on this kiosk: its own (queued, set_aside) and the centre's</extracomment>
        <translation>Check the progress of your applications</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="75" />
        <source>Place your ID card on the reader, show the receipt's QR code to the camera, or type the last 8 digits of the number on your receipt (after the date).</source>
        <translation>Place your ID card on the reader, show the receipt's QR code to the camera, or type the last 8 digits of the number on your receipt (after the date).</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="49" />
        <source>Look up</source>
        <translation>Look up</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="59" />
        <source>No application found. Applications sent more than a while ago may be known only at the service centre; please ask a helper.</source>
        <translation>No application found. Applications sent more than a while ago may be known only at the service centre; please ask a helper.</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="74" />
        <source>Place your ID card, show the receipt's QR code, or type the receipt's last 8 digits.</source>
        <translation>Place your ID card, show the receipt's QR code, or type the receipt's last 8 digits.</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="89" />
        <source>Reason: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="95" />
        <source>saved on this kiosk, waiting to be sent</source>
        <translation>saved on this kiosk, waiting to be sent</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="96" />
        <source>kept on this kiosk for a helper to check: please ask a helper</source>
        <translation>kept on this kiosk for a helper to check: please ask a helper</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="97" />
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="98" />
        <source>being sent to the service centre</source>
        <translation>being sent to the service centre</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="99" />
        <source>received by the service centre</source>
        <translation>received by the service centre</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="100" />
        <source>being reviewed</source>
        <translation>being reviewed</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="101" />
        <source>approved</source>
        <translation>approved</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="102" />
        <source>not approved: please ask a helper</source>
        <translation>not approved: please ask a helper</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="103" />
        <source>needs a correction: please ask a helper</source>
        <translation>needs a correction: please ask a helper</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="104" />
        <source>unknown: please ask a helper</source>
        <translation>unknown: please ask a helper</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="109" />
        <source>Please type all 8 digits.</source>
        <translation>Please type all 8 digits.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/screens/status.py" line="126" />
        <source>%n application(s) found.</source>
        <translation>
            <numerusform>%n application(s) found.</numerusform>
            <numerusform>%n application(s) found.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StepTexts</name>
    <message>
        <location filename="../ui/step_indicator.py" line="23" />
        <source>Identity</source>
        <translation>Identity</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="23" />
        <source>Your details</source>
        <translation>Your details</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="24" />
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="24" />
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="27" />
        <source>Step %1 of %2</source>
        <translation>Step %1 of %2</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="32" />
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="37" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="40" />
        <source>▶ Now: %1</source>
        <translation>▶ Now: %1</translation>
    </message>
</context>
<context>
    <name>SyncLine</name>
    <message>
        <location filename="../ui/sync_line.py" line="40" />
        <source>Offline · %1 waiting</source>
        <translation>Offline · %1 waiting</translation>
    </message>
    <message>
        <location filename="../ui/sync_line.py" line="42" />
        <source>Not the centre (login page?) · %1 waiting</source>
        <translation>Not the centre (login page?) · %1 waiting</translation>
    </message>
    <message>
        <location filename="../ui/sync_line.py" line="44" />
        <source>Sync stopped (%1)</source>
        <translation>Sync stopped (%1)</translation>
    </message>
    <message>
        <location filename="../ui/sync_line.py" line="46" />
        <source>%1 set aside</source>
        <translation>%1 set aside</translation>
    </message>
</context>
</TS>