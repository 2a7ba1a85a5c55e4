<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AgentLine</name>
    <message>
        <location filename="../ui/proxy_parts.py" line="31"/>
        <source>Agent (verified by card): %1. Applying for the principal below.</source>
        <translation>Agent (verified by card): %1. Applying for the principal below.</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <location filename="../ui/camera_view.py" line="37"/>
        <source>Camera picture</source>
        <translation>Camera picture</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <location filename="../ui/screens/consent.py" line="38"/>
        <source>Agent: please confirm this application</source>
        <translation>Agent: please confirm this application</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="39"/>
        <source>Please confirm this application</source>
        <translation>Please confirm this application</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="54"/>
        <location filename="../ui/screens/consent.py" line="160"/>
        <source>Lift your ID card and lay it on the reader again.</source>
        <translation>Lift your ID card and lay it on the reader again.</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="56"/>
        <source>Waiting for the card…</source>
        <translation>Waiting for the card…</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="60"/>
        <source>Or sign with your finger in the box:</source>
        <translation>Or sign with your finger in the box:</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="61"/>
        <source>Sign with your finger in the box:</source>
        <translation>Sign with your finger in the box:</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="63"/>
        <source>Sign here</source>
        <translation>Sign here</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="68"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="70"/>
        <source>Use my card instead</source>
        <translation>Use my card instead</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="74"/>
        <location filename="../ui/screens/consent.py" line="76"/>
        <source>Confirm with this signature</source>
        <translation>Confirm with this signature</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="74"/>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="83"/>
        <source>Sign on the screen instead</source>
        <translation>Sign on the screen instead</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="91"/>
        <source>The helper filled this in with you. Only you can confirm it is yours and right.</source>
        <translation>The helper filled this in with you. Only you can confirm it is yours and right.</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="97"/>
        <source>Reading the card… please keep it still.</source>
        <translation>Reading the card… please keep it still.</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="158"/>
        <source>Lay your ID card on the reader again, or sign with your finger in the box.</source>
        <translation>Lay your ID card on the reader again, or sign with your finger in the box.</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="162"/>
        <source>Sign with your finger in the box.</source>
        <translation>Sign with your finger in the box.</translation>
    </message>
</context>
<context>
    <name>ConsoleShell</name>
    <message>
        <location filename="../ui/console/shell.py" line="86"/>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="86"/>
        <source>helper</source>
        <translation>helper</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="87"/>
        <source>%1 · helper %2 · %3</source>
        <translation>%1 · helper %2 · %3</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="92"/>
        <source>Helper console</source>
        <translation>Helper console</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="98"/>
        <source>Start a guided application</source>
        <translation>Start a guided application</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="100"/>
        <source>Back to resident screen</source>
        <translation>Back to resident screen</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="102"/>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="154"/>
        <source>leave the kiosk</source>
        <translation>leave the kiosk</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="154"/>
        <source>restart the kiosk</source>
        <translation>restart the kiosk</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="155"/>
        <source>shut the machine down</source>
        <translation>shut the machine down</translation>
    </message>
</context>
<context>
    <name>ConsoleWords</name>
    <message>
        <location filename="../ui/console/words.py" line="41"/>
        <source>just now</source>
        <translation>just now</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/console/words.py" line="43"/>
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/console/words.py" line="45"/>
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/console/words.py" line="46"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="50"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="55"/>
        <source>Home screen</source>
        <translation>Home screen</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="55"/>
        <source>What the service needs</source>
        <translation>What the service needs</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="56"/>
        <source>Identity check</source>
        <translation>Identity check</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="56"/>
        <source>Filling in the form</source>
        <translation>Filling in the form</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="57"/>
        <source>Photos of documents</source>
        <translation>Photos of documents</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="57"/>
        <source>Checking before submitting</source>
        <translation>Checking before submitting</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="58"/>
        <source>Submitting</source>
        <translation>Submitting</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="58"/>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="58"/>
        <source>Rating the visit</source>
        <translation>Rating the visit</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="59"/>
        <source>Checking progress</source>
        <translation>Checking progress</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="60"/>
        <source>Another screen (%1)</source>
        <translation>Another screen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="63"/>
        <source>Live-face check passed</source>
        <translation>Live-face check passed</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="63"/>
        <source>Live-face check not passed</source>
        <translation>Live-face check not passed</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="64"/>
        <source>Live-face check skipped</source>
        <translation>Live-face check skipped</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="64"/>
        <source>No live-face check</source>
        <translation>No live-face check</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="68"/>
        <source>The kiosk found the faces clearly different</source>
        <translation>The kiosk found the faces clearly different</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="69"/>
        <source>The kiosk could not tell</source>
        <translation>The kiosk could not tell</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="70"/>
        <source>The kiosk did not compare the faces</source>
        <translation>The kiosk did not compare the faces</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../ui/console/devices_page.py" line="33"/>
        <location filename="../ui/console/devices_page.py" line="42"/>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="51"/>
        <source>Card reader</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="51"/>
        <source>Read a card</source>
        <translation>Read a card</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="52"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="52"/>
        <source>Show the camera</source>
        <translation>Show the camera</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="53"/>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="53"/>
        <source>Print a test page</source>
        <translation>Print a test page</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="54"/>
        <source>Speech</source>
        <translation>Speech</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="54"/>
        <source>Speak a test sentence</source>
        <translation>Speak a test sentence</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="55"/>
        <source>Sync with the centre</source>
        <translation>Sync with the centre</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="55"/>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="97"/>
        <source>No card reader configured: residents type the ID number with a helper.</source>
        <translation>No card reader configured: residents type the ID number with a helper.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="102"/>
        <source>Not connected. %1</source>
        <translation>Not connected. %1</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="103"/>
        <source>Connected: %1.</source>
        <translation>Connected: %1.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="108"/>
        <source>No camera configured: a helper compares faces and takes documents.</source>
        <translation>No camera configured: a helper compares faces and takes documents.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="110"/>
        <source>Working: %1.</source>
        <translation>Working: %1.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="110"/>
        <source>No picture: %1.</source>
        <translation>No picture: %1.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="116"/>
        <source>No printer configured: receipts are saved as PDF files.</source>
        <translation>No printer configured: receipts are saved as PDF files.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="117"/>
        <source>Configured: %1.</source>
        <translation>Configured: %1.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="122"/>
        <source>Switched off: screens are not read aloud.</source>
        <translation>Switched off: screens are not read aloud.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="123"/>
        <source>Working.</source>
        <translation>Working.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="124"/>
        <source>Not working: residents see the words but do not hear them.</source>
        <translation>Not working: residents see the words but do not hear them.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="131"/>
        <source>No central service configured: applications stay on this kiosk.</source>
        <translation>No central service configured: applications stay on this kiosk.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="134"/>
        <source>Not known yet: the first sync pass has not ended.</source>
        <translation>Not known yet: the first sync pass has not ended.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="135"/>
        <source>The centre is reached.</source>
        <translation>The centre is reached.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="135"/>
        <source>The centre cannot be reached.</source>
        <translation>The centre cannot be reached.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="136"/>
        <source>The server reached is not this station&apos;s centre.</source>
        <translation>The server reached is not this station&apos;s centre.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="137"/>
        <source>Sync is stopped: please call IT.</source>
        <translation>Sync is stopped: please call IT.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="138"/>
        <source>%1 waiting, %2 set aside.</source>
        <translation>%1 waiting, %2 set aside.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="149"/>
        <source>Lay a card on the reader…</source>
        <translation>Lay a card on the reader…</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="154"/>
        <source>No card was read within 30 seconds.</source>
        <translation>No card was read within 30 seconds.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="164"/>
        <source>Card read correctly: %1.</source>
        <translation>Card read correctly: %1.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="168"/>
        <source>The card could not be read: %1</source>
        <translation>The card could not be read: %1</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="182"/>
        <source>The camera&apos;s live picture is shown below. Touch “Show the camera” again to close it.</source>
        <translation>The camera&apos;s live picture is shown below. Touch “Show the camera” again to close it.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="196"/>
        <source>Printing a test page…</source>
        <translation>Printing a test page…</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="197"/>
        <source>Test page</source>
        <translation>Test page</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="197"/>
        <source>Printed</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="198"/>
        <source>The printer works.</source>
        <translation>The printer works.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="220"/>
        <source>The test page went to the printer.</source>
        <translation>The test page went to the printer.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="221"/>
        <source>The test page was not printed: %1</source>
        <translation>The test page was not printed: %1</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="227"/>
        <source>This is the speech test of the kiosk.</source>
        <translation>This is the speech test of the kiosk.</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="228"/>
        <source>Speaking a test sentence. Did you hear it?</source>
        <translation>Speaking a test sentence. Did you hear it?</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="235"/>
        <source>Sync asked to send now; the state follows here.</source>
        <translation>Sync asked to send now; the state follows here.</translation>
    </message>
</context>
<context>
    <name>DocumentsScreen</name>
    <message>
        <location filename="../ui/screens/documents.py" line="35"/>
        <source>Document %1 of %2</source>
        <translation>Document %1 of %2</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="39"/>
        <location filename="../ui/screens/documents.py" line="262"/>
        <source>Photograph: %1</source>
        <translation>Photograph: %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="52"/>
        <source>Lay it flat under the camera, inside the frame.</source>
        <translation>Lay it flat under the camera, inside the frame.</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="57"/>
        <source>Photo preview</source>
        <translation>Photo preview</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="66"/>
        <source>✓ Photo taken. Touch Next, or take it again.</source>
        <translation>✓ Photo taken. Touch Next, or take it again.</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="73"/>
        <source>Take the photo again</source>
        <translation>Take the photo again</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="73"/>
        <source>Take the photo</source>
        <translation>Take the photo</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="75"/>
        <source>Retake</source>
        <translation>Retake</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="76"/>
        <source>Use this photo</source>
        <translation>Use this photo</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="77"/>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="105"/>
        <source>Take photo now</source>
        <translation>Take photo now</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="186"/>
        <source>Is the whole page clear? Touch “Use this photo”, or “Retake”.</source>
        <translation>Is the whole page clear? Touch “Use this photo”, or “Retake”.</translation>
    </message>
</context>
<context>
    <name>FacesPage</name>
    <message>
        <location filename="../ui/console/faces.py" line="55"/>
        <source>Faces to confirm</source>
        <translation>Faces to confirm</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/console/faces.py" line="75"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="79"/>
        <source>No face is waiting for a helper.</source>
        <translation>No face is waiting for a helper.</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="92"/>
        <location filename="../ui/console/faces.py" line="156"/>
        <source>Submitted %1</source>
        <translation>Submitted %1</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="97"/>
        <source>Open the photos</source>
        <translation>Open the photos</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="119"/>
        <source>Taken at the kiosk</source>
        <translation>Taken at the kiosk</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="120"/>
        <source>Photo on the ID card</source>
        <translation>Photo on the ID card</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="123"/>
        <source>Same person</source>
        <translation>Same person</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="124"/>
        <source>Not the same person</source>
        <translation>Not the same person</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="128"/>
        <source>Back to the list</source>
        <translation>Back to the list</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="198"/>
        <source>No photo was taken at the kiosk (no camera, or it failed). Compare the card photo with the resident in person.</source>
        <translation>No photo was taken at the kiosk (no camera, or it failed). Compare the card photo with the resident in person.</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="201"/>
        <source>The card&apos;s photo could not be read. Compare the live photo with the resident&apos;s card in person.</source>
        <translation>The card&apos;s photo could not be read. Compare the live photo with the resident&apos;s card in person.</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="249"/>
        <source>same person</source>
        <translation>same person</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="250"/>
        <source>not the same person</source>
        <translation>not the same person</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="251"/>
        <source>Recorded for %1: %2 (helper %3). The kiosk sends it to the centre after the application.</source>
        <translation>Recorded for %1: %2 (helper %3). The kiosk sends it to the centre after the application.</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../ui/screens/form.py" line="57"/>
        <source>Question %1 of %2</source>
        <translation>Question %1 of %2</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="57"/>
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="77"/>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="145"/>
        <source> (optional)</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="186"/>
        <source>The helper types this (keyboard, pinyin input)</source>
        <translation>The helper types this (keyboard, pinyin input)</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="188"/>
        <source>A helper can type this for you</source>
        <translation>A helper can type this for you</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="197"/>
        <location filename="../ui/screens/form.py" line="203"/>
        <source>Touch to type</source>
        <translation>Touch to type</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="199"/>
        <source>Change %1</source>
        <translation>Change %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="256"/>
        <location filename="../ui/screens/form.py" line="259"/>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <location filename="../ui/screens/guide.py" line="19"/>
        <source>Please have ready:</source>
        <translation>Please have ready:</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="21"/>
        <source>Steps:</source>
        <translation>Steps:</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="23"/>
        <source>Time: %1</source>
        <translation>Time: %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="24"/>
        <source>To prove who you are: %1</source>
        <translation>To prove who you are: %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="27"/>
        <source>Your appointment: %1</source>
        <translation>Your appointment: %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="30"/>
        <source>One form, sent to: %1</source>
        <translation>One form, sent to: %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="31"/>
        <location filename="../ui/screens/guide.py" line="42"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="34"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="37"/>
        <source>ID number, with a helper</source>
        <translation>ID number, with a helper</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="37"/>
        <source>ID card</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="38"/>
        <source>ID card and a photo of your face</source>
        <translation>ID card and a photo of your face</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="44"/>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="45"/>
        <source>Please have ready: %1.</source>
        <translation>Please have ready: %1.</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="46"/>
        <source>Touch Start when you are ready.</source>
        <translation>Touch Start when you are ready.</translation>
    </message>
</context>
<context>
    <name>GuidedBanner</name>
    <message>
        <location filename="../ui/guided_banner.py" line="86"/>
        <source>Proxy · helper %1 (%2)</source>
        <translation>Proxy · helper %1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/guided_banner.py" line="88"/>
        <source>Correction · helper %1 (%2)</source>
        <translation>Correction · helper %1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/guided_banner.py" line="90"/>
        <source>Helper %1 (%2) is helping you</source>
        <translation>Helper %1 (%2) is helping you</translation>
    </message>
</context>
<context>
    <name>HelpRequestsPage</name>
    <message>
        <location filename="../ui/console/help_requests.py" line="78"/>
        <source>Help requests</source>
        <translation>Help requests</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/console/help_requests.py" line="106"/>
        <source>%n waiting for a helper</source>
        <translation>
            <numerusform>%n waiting for a helper</numerusform>
            <numerusform>%n waiting for a helper</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="110"/>
        <source>No one has called for a helper.</source>
        <translation>No one has called for a helper.</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="117"/>
        <source>Waiting for a helper</source>
        <translation>Waiting for a helper</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="118"/>
        <source>Acknowledged by helper %1 at %2</source>
        <translation>Acknowledged by helper %1 at %2</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="126"/>
        <source>On: %1</source>
        <translation>On: %1</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="131"/>
        <source>Acknowledge: tell the resident</source>
        <translation>Acknowledge: tell the resident</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="134"/>
        <source>Resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="141"/>
        <source>Called %1</source>
        <translation>Called %1</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="197"/>
        <source>Someone has already answered this request.</source>
        <translation>Someone has already answered this request.</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="199"/>
        <source>Acknowledged. The resident&apos;s screen now says a helper is on the way, and the kiosk has said it aloud.</source>
        <translation>Acknowledged. The resident&apos;s screen now says a helper is on the way, and the kiosk has said it aloud.</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="202"/>
        <source>Acknowledged. The resident who called has already finished at the kiosk, so nothing was shown to them.</source>
        <translation>Acknowledged. The resident who called has already finished at the kiosk, so nothing was shown to them.</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="208"/>
        <source>Resolved.</source>
        <translation>Resolved.</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="208"/>
        <source>This request was already resolved.</source>
        <translation>This request was already resolved.</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../ui/screens/home.py" line="67"/>
        <source>Welcome. Touch the service you need.</source>
        <translation>Welcome. Touch the service you need.</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="91"/>
        <source>Check the progress of an application</source>
        <translation>Check the progress of an application</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="77"/>
        <location filename="../ui/screens/home.py" line="107"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="95"/>
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="96"/>
        <source>Staff sign-in</source>
        <translation>Staff sign-in</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="108"/>
        <source>Welcome. Touch the service you need: %1.</source>
        <translation>Welcome. Touch the service you need: %1.</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="77"/>
        <source>Bring: %1</source>
        <translation>Bring: %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="79"/>
        <source>Takes: %1</source>
        <translation>Takes: %1</translation>
    </message>
</context>
<context>
    <name>IdentityScreen</name>
    <message>
        <location filename="../ui/screens/identity.py" line="161"/>
        <source>Please place your ID card on the reader.</source>
        <translation>Please place your ID card on the reader.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="49"/>
        <location filename="../ui/screens/identity.py" line="81"/>
        <location filename="../ui/screens/identity.py" line="87"/>
        <location filename="../ui/screens/identity.py" line="132"/>
        <source>Waiting for the card…</source>
        <translation>Waiting for the card…</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="55"/>
        <source>No card? Type the ID number with a helper</source>
        <translation>No card? Type the ID number with a helper</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="77"/>
        <source>Reading the card… please keep it still.</source>
        <translation>Reading the card… please keep it still.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="84"/>
        <source>The card reader is not connected. Please ask a helper.</source>
        <translation>The card reader is not connected. Please ask a helper.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="97"/>
        <source>Card read.</source>
        <translation>Card read.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="104"/>
        <source>Is this you: %1?</source>
        <translation>Is this you: %1?</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="108"/>
        <source>Yes, continue</source>
        <translation>Yes, continue</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="109"/>
        <source>No, that is not me</source>
        <translation>No, that is not me</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="162"/>
        <source>Agent: please place your own ID card on the reader.</source>
        <translation>Agent: please place your own ID card on the reader.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="178"/>
        <source>Type the ID number (a helper stays with you).</source>
        <translation>Type the ID number (a helper stays with you).</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="195"/>
        <source>Type the ID number.</source>
        <translation>Type the ID number.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="200"/>
        <location filename="../ui/screens/identity.py" line="362"/>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="237"/>
        <source>Now a photo of your face.</source>
        <translation>Now a photo of your face.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="238"/>
        <location filename="../ui/screens/identity.py" line="454"/>
        <source>Now a photo of your face. Look at the camera and touch the button.</source>
        <translation>Now a photo of your face. Look at the camera and touch the button.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="251"/>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="252"/>
        <source>Turn my head instead</source>
        <translation>Turn my head instead</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="272"/>
        <source>No camera: a helper will compare your face with the card.</source>
        <translation>No camera: a helper will compare your face with the card.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="279"/>
        <source>Take my photo</source>
        <translation>Take my photo</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="300"/>
        <source>Touch the button and a helper will check your face.</source>
        <translation>Touch the button and a helper will check your face.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="302"/>
        <source>The camera works again. Please look at it.</source>
        <translation>The camera works again. Please look at it.</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="316"/>
        <source>That did not work. Touch “Try again”, or the button and a helper will check.</source>
        <translation>That did not work. Touch “Try again”, or the button and a helper will check.</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../ui/idle_overlay.py" line="43"/>
        <location filename="../ui/idle_overlay.py" line="87"/>
        <source>Are you still there?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <location filename="../ui/idle_overlay.py" line="46"/>
        <source>I am still here</source>
        <translation>I am still here</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/idle_overlay.py" line="64"/>
        <source>This session will end in %n seconds to protect your privacy.</source>
        <translation>
            <numerusform>This session will end in %n second to protect your privacy.</numerusform>
            <numerusform>This session will end in %n seconds to protect your privacy.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/idle_overlay.py" line="88"/>
        <source>Touch “I am still here” to continue.</source>
        <translation>Touch “I am still here” to continue.</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../ui/keypad.py" line="106"/>
        <source>⌫ Delete</source>
        <translation>⌫ Delete</translation>
    </message>
    <message>
        <location filename="../ui/keypad.py" line="106"/>
        <location filename="../ui/keypad.py" line="107"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../ui/keypad.py" line="109"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/keypad.py" line="207"/>
        <source>Typed so far: %n characters</source>
        <translation>
            <numerusform>Typed so far: %n character</numerusform>
            <numerusform>Typed so far: %n characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/keypad.py" line="217"/>
        <source>%n more to type</source>
        <translation>
            <numerusform>%n more to type</numerusform>
            <numerusform>%n more to type</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/keypad.py" line="224"/>
        <source>✓ Check digit correct</source>
        <translation>✓ Check digit correct</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="365"/>
        <location filename="../ui/main_window.py" line="374"/>
        <source>Language: %1</source>
        <translation>Language: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="367"/>
        <location filename="../ui/main_window.py" line="375"/>
        <source>Elder mode</source>
        <translation>Elder mode</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="375"/>
        <source>✓ Elder mode</source>
        <translation>✓ Elder mode</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="368"/>
        <location filename="../ui/main_window.py" line="376"/>
        <source>Voice guidance unavailable</source>
        <translation>Voice guidance unavailable</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="366"/>
        <source>✓ Elder</source>
        <translation>✓ Elder</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="366"/>
        <source>Elder</source>
        <translation>Elder</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="369"/>
        <location filename="../ui/main_window.py" line="377"/>
        <source>Sound</source>
        <translation>Sound</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="369"/>
        <location filename="../ui/main_window.py" line="377"/>
        <source>Sound: speed and volume</source>
        <translation>Sound: speed and volume</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="370"/>
        <location filename="../ui/main_window.py" line="378"/>
        <source>Repeat</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="371"/>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="371"/>
        <source>Help: call a helper</source>
        <translation>Help: call a helper</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="379"/>
        <source>Call a helper</source>
        <translation>Call a helper</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="434"/>
        <source>Slower</source>
        <translation>Slower</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="435"/>
        <source>Faster</source>
        <translation>Faster</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="436"/>
        <source>Quieter</source>
        <translation>Quieter</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="437"/>
        <source>Louder</source>
        <translation>Louder</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="445"/>
        <source>Volume %1%</source>
        <translation>Volume %1%</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="446"/>
        <source>Speed %1</source>
        <translation>Speed %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="460"/>
        <source>A helper has received your call and is on the way.</source>
        <translation>A helper has received your call and is on the way.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="462"/>
        <source>This code is not a Waystation receipt or appointment. Please show the receipt&apos;s QR code.</source>
        <translation>This code is not a Waystation receipt or appointment. Please show the receipt&apos;s QR code.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="539"/>
        <source>Application number</source>
        <translation>Application number</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="539"/>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="540"/>
        <source>Keep this receipt to check progress.</source>
        <translation>Keep this receipt to check progress.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="459"/>
        <source>A helper is coming to you. Please wait here.</source>
        <translation>A helper is coming to you. Please wait here.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="461"/>
        <source>Please wave to a helper: the request could not be saved.</source>
        <translation>Please wave to a helper: the request could not be saved.</translation>
    </message>
</context>
<context>
    <name>OutreachLine</name>
    <message>
        <location filename="../ui/outreach.py" line="35"/>
        <source>Outreach</source>
        <translation>Outreach</translation>
    </message>
    <message>
        <location filename="../ui/outreach.py" line="36"/>
        <source>Helper %1 (%2)</source>
        <translation>Helper %1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/outreach.py" line="37"/>
        <source>A helper must sign in</source>
        <translation>A helper must sign in</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/outreach.py" line="39"/>
        <source>%n application(s) waiting to be sent</source>
        <translation>
            <numerusform>%n application waiting to be sent</numerusform>
            <numerusform>%n applications waiting to be sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/outreach.py" line="41"/>
        <source>%n set aside</source>
        <translation>
            <numerusform>%n set aside</numerusform>
            <numerusform>%n set aside</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/outreach.py" line="43"/>
        <source>centre reached</source>
        <translation>centre reached</translation>
    </message>
    <message>
        <location filename="../ui/outreach.py" line="45"/>
        <source>offline since %1</source>
        <translation>offline since %1</translation>
    </message>
    <message>
        <location filename="../ui/outreach.py" line="47"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
</context>
<context>
    <name>PinPrompt</name>
    <message>
        <location filename="../ui/console/pin_prompt.py" line="31"/>
        <source>Type your PIN again to confirm: %1</source>
        <translation>Type your PIN again to confirm: %1</translation>
    </message>
    <message>
        <location filename="../ui/console/pin_prompt.py" line="48"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../ui/console/pin_prompt.py" line="50"/>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../ui/console/pin_prompt.py" line="59"/>
        <source>Please type your PIN.</source>
        <translation>Please type your PIN.</translation>
    </message>
</context>
<context>
    <name>ProxyStartPage</name>
    <message>
        <location filename="../ui/console/proxy_page.py" line="22"/>
        <source>Apply for someone else</source>
        <translation>Apply for someone else</translation>
    </message>
    <message>
        <location filename="../ui/console/proxy_page.py" line="27"/>
        <source>Apply for someone who cannot come (代办)</source>
        <translation>Apply for someone who cannot come (proxy)</translation>
    </message>
    <message>
        <location filename="../ui/console/proxy_page.py" line="30"/>
        <source>The agent lays their own ID card; you type the name and ID number of the person they apply for, choose how they are related, and photograph the signed authorisation letter.</source>
        <translation>The agent lays their own ID card; you type the name and ID number of the person they apply for, choose how they are related, and photograph the signed authorisation letter.</translation>
    </message>
    <message>
        <location filename="../ui/console/proxy_page.py" line="40"/>
        <source>No service of this station may be applied for by an agent.</source>
        <translation>No service of this station may be applied for by an agent.</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../ui/console/queue_page.py" line="39"/>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="46"/>
        <source>Applications on this kiosk</source>
        <translation>Applications on this kiosk</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="80"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="82"/>
        <source>No application yet today.</source>
        <translation>No application yet today.</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="93"/>
        <source>guided</source>
        <translation>guided</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="93"/>
        <source>self-service</source>
        <translation>self-service</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="98"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="99"/>
        <source>Open %1</source>
        <translation>Open %1</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="108"/>
        <source>Why are you opening %1?</source>
        <translation>Why are you opening %1?</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="110"/>
        <source>Its personal data is shown only for a reason, and the reason is recorded with your helper number.</source>
        <translation>Its personal data is shown only for a reason, and the reason is recorded with your helper number.</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="114"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="125"/>
        <source>Application %1</source>
        <translation>Application %1</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="129"/>
        <source>Its personal data is no longer on this kiosk (sent and purged, or discarded).</source>
        <translation>Its personal data is no longer on this kiosk (sent and purged, or discarded).</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="137"/>
        <source>Identity: %1</source>
        <translation>Identity: %1</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="140"/>
        <source>Photo: %1 (%2 KB)</source>
        <translation>Photo: %1 (%2 KB)</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="143"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../ui/screens/rating.py" line="35"/>
        <source>Very satisfied</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="35"/>
        <source>Satisfied</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="36"/>
        <source>Fairly satisfied</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="36"/>
        <source>Dissatisfied</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="37"/>
        <source>Very dissatisfied</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="41"/>
        <source>How was the service today?</source>
        <translation>How was the service today?</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="43"/>
        <source>Touch one. Your answer is anonymous; you may skip.</source>
        <translation>Touch one. Your answer is anonymous; you may skip.</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="58"/>
        <source>We are sorry. What went wrong? Touch all that apply.</source>
        <translation>We are sorry. What went wrong? Touch all that apply.</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="68"/>
        <source>Ask a helper to come</source>
        <translation>Ask a helper to come</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="99"/>
        <source>Skip</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="110"/>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="134"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="133"/>
        <source>We are sorry. What went wrong? Touch all that apply, then Send.</source>
        <translation>We are sorry. What went wrong? Touch all that apply, then Send.</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="135"/>
        <source>How was the service today? %1. Or touch Skip.</source>
        <translation>How was the service today? %1. Or touch Skip.</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <location filename="../ui/screens/receipt.py" line="37"/>
        <source>✓ Your application has been received.</source>
        <translation>✓ Your application has been received.</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="41"/>
        <source>Application number:</source>
        <translation>Application number:</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="50"/>
        <source>QR code of the application number</source>
        <translation>QR code of the application number</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="57"/>
        <source>Keep this number: you can check progress with it or with your ID card.</source>
        <translation>Keep this number: you can check progress with it or with your ID card.</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="59"/>
        <source>Replaces application %1.</source>
        <translation>Replaces application %1.</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="63"/>
        <source>Your receipt is being printed below the screen.</source>
        <translation>Your receipt is being printed below the screen.</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="64"/>
        <source>A copy of this receipt is saved; a helper can print it for you.</source>
        <translation>A copy of this receipt is saved; a helper can print it for you.</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="65"/>
        <source>The printer did not work; a copy is saved and a helper can print it.</source>
        <translation>The printer did not work; a copy is saved and a helper can print it.</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="73"/>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="81"/>
        <source>Your application has been received. Your application number is %1.</source>
        <translation>Your application has been received. Your application number is %1.</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../ui/screens/review.py" line="38"/>
        <source>Please check your answers.</source>
        <translation>Please check your answers.</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="52"/>
        <source>From the agent&apos;s card</source>
        <translation>From the agent&apos;s card</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="57"/>
        <location filename="../ui/screens/review.py" line="73"/>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="58"/>
        <location filename="../ui/screens/review.py" line="74"/>
        <source>Change %1</source>
        <translation>Change %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="72"/>
        <source>✓ photo taken</source>
        <translation>✓ photo taken</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="72"/>
        <source>— no photo</source>
        <translation>— no photo</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="141"/>
        <source>(not given)</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="152"/>
        <source>Please check your answers. Touch Change to correct one, or Submit when all is right.</source>
        <translation>Please check your answers. Touch Change to correct one, or Submit when all is right.</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="99"/>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="83"/>
        <source>Submit</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="100"/>
        <source>Show %1 for 10 seconds</source>
        <translation>Show %1 for 10 seconds</translation>
    </message>
</context>
<context>
    <name>SavingScreen</name>
    <message>
        <location filename="../ui/main_window.py" line="69"/>
        <source>Saving your application…</source>
        <translation>Saving your application…</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../ui/screens/base.py" line="116"/>
        <source>Back</source>
        <extracomment>key of the spoken prompt (voice guidance) for this screen</extracomment>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>SetAsidePage</name>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="26"/>
        <source>Set aside</source>
        <translation>Set aside</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="32"/>
        <source>Set aside by the centre</source>
        <translation>Set aside by the centre</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="54"/>
        <source>Nothing is set aside. Applications the centre refuses wait here for a helper, without holding up the others.</source>
        <translation>Nothing is set aside. Applications the centre refuses wait here for a helper, without holding up the others.</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="60"/>
        <source>set aside %1</source>
        <translation>set aside %1</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="64"/>
        <source>Correct and resend</source>
        <translation>Correct and resend</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="67"/>
        <source>Retry now</source>
        <translation>Retry now</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="69"/>
        <source>Discard…</source>
        <translation>Discard…</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="87"/>
        <source>%1 is back in the queue and will be sent again.</source>
        <translation>%1 is back in the queue and will be sent again.</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="93"/>
        <source>It is a duplicate</source>
        <translation>It is a duplicate</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="93"/>
        <source>The resident withdrew it</source>
        <translation>The resident withdrew it</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="94"/>
        <source>It cannot be corrected</source>
        <translation>It cannot be corrected</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="94"/>
        <source>It was a test</source>
        <translation>It was a test</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="100"/>
        <source>Discard %1?</source>
        <translation>Discard %1?</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="102"/>
        <source>It will never be sent, and its personal data is deleted from this kiosk. The reason is recorded with your helper number.</source>
        <translation>It will never be sent, and its personal data is deleted from this kiosk. The reason is recorded with your helper number.</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="106"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="114"/>
        <source>%1 was discarded.</source>
        <translation>%1 was discarded.</translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <location filename="../ui/console/sign_in.py" line="69"/>
        <source>Staff sign-in</source>
        <translation>Staff sign-in</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="73"/>
        <source>After 5 wrong PINs a helper number is locked for 5 minutes.</source>
        <translation>After 5 wrong PINs a helper number is locked for 5 minutes.</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="91"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="93"/>
        <source>‹ Helper number</source>
        <translation>‹ Helper number</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="103"/>
        <source>Type your helper number.</source>
        <translation>Type your helper number.</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="103"/>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="110"/>
        <source>Staff card of helper %1. Type your PIN.</source>
        <translation>Staff card of helper %1. Type your PIN.</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="113"/>
        <source>Helper %1: type your PIN.</source>
        <translation>Helper %1: type your PIN.</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="115"/>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="119"/>
        <source>Staff sign-in.</source>
        <translation>Staff sign-in.</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="126"/>
        <source>A helper number has 3 to 8 digits.</source>
        <translation>A helper number has 3 to 8 digits.</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="135"/>
        <source>Please type your PIN.</source>
        <translation>Please type your PIN.</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="144"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>StateWords</name>
    <message>
        <location filename="../ui/console/queue_page.py" line="22"/>
        <source>waiting to be sent</source>
        <translation>waiting to be sent</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="22"/>
        <source>being sent</source>
        <translation>being sent</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="23"/>
        <source>sent today</source>
        <translation>sent today</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="23"/>
        <source>set aside by the centre</source>
        <translation>set aside by the centre</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="24"/>
        <source>sending failed, retrying</source>
        <translation>sending failed, retrying</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="24"/>
        <source>discarded</source>
        <translation>discarded</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="27"/>
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="30"/>
        <source>The resident is here</source>
        <translation>The resident is here</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="30"/>
        <source>A correction</source>
        <translation>A correction</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="31"/>
        <source>An audit</source>
        <translation>An audit</translation>
    </message>
</context>
<context>
    <name>StationHeader</name>
    <message>
        <location filename="../ui/station_header.py" line="87"/>
        <source>The network is down for now; applications are saved on this kiosk first</source>
        <translation>The network is down for now; applications are saved on this kiosk first</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <location filename="../ui/screens/status.py" line="32"/>
        <source>Check the progress of your applications</source>
        <extracomment>every status an application can have on this kiosk: its own (queued, set_aside) and the centre&apos;s</extracomment>
        <translation>Check the progress of your applications</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="75"/>
        <source>Place your ID card on the reader, show the receipt&apos;s QR code to the camera, or type the last 8 digits of the number on your receipt (after the date).</source>
        <translation>Place your ID card on the reader, show the receipt&apos;s QR code to the camera, or type the last 8 digits of the number on your receipt (after the date).</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="49"/>
        <source>Look up</source>
        <translation>Look up</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="59"/>
        <source>No application found. Applications sent more than a while ago may be known only at the service centre; please ask a helper.</source>
        <translation>No application found. Applications sent more than a while ago may be known only at the service centre; please ask a helper.</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="74"/>
        <source>Place your ID card, show the receipt&apos;s QR code, or type the receipt&apos;s last 8 digits.</source>
        <translation>Place your ID card, show the receipt&apos;s QR code, or type the receipt&apos;s last 8 digits.</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="89"/>
        <source>Reason: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="95"/>
        <source>saved on this kiosk, waiting to be sent</source>
        <translation>saved on this kiosk, waiting to be sent</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="96"/>
        <source>kept on this kiosk for a helper to check: please ask a helper</source>
        <translation>kept on this kiosk for a helper to check: please ask a helper</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="97"/>
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="98"/>
        <source>being sent to the service centre</source>
        <translation>being sent to the service centre</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="99"/>
        <source>received by the service centre</source>
        <translation>received by the service centre</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="100"/>
        <source>being reviewed</source>
        <translation>being reviewed</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="101"/>
        <source>approved</source>
        <translation>approved</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="102"/>
        <source>not approved: please ask a helper</source>
        <translation>not approved: please ask a helper</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="103"/>
        <source>needs a correction: please ask a helper</source>
        <translation>needs a correction: please ask a helper</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="104"/>
        <source>corrected: replaced by a newer application</source>
        <translation>corrected: replaced by a newer application</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="105"/>
        <source>unknown: please ask a helper</source>
        <translation>unknown: please ask a helper</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="110"/>
        <source>Please type all 8 digits.</source>
        <translation>Please type all 8 digits.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/screens/status.py" line="127"/>
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
        <location filename="../ui/step_indicator.py" line="23"/>
        <source>Identity</source>
        <translation>Identity</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="23"/>
        <source>Your details</source>
        <translation>Your details</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="24"/>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="24"/>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="27"/>
        <source>Step %1 of %2</source>
        <translation>Step %1 of %2</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="32"/>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="37"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="40"/>
        <source>▶ Now: %1</source>
        <translation>▶ Now: %1</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <location filename="../ui/console/supervisor_page.py" line="20"/>
        <location filename="../ui/console/supervisor_page.py" line="25"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../ui/console/supervisor_page.py" line="26"/>
        <source>Each of these asks for your PIN again and is recorded with your helper number.</source>
        <translation>Each of these asks for your PIN again and is recorded with your helper number.</translation>
    </message>
    <message>
        <location filename="../ui/console/supervisor_page.py" line="32"/>
        <source>Leave the kiosk</source>
        <translation>Leave the kiosk</translation>
    </message>
    <message>
        <location filename="../ui/console/supervisor_page.py" line="33"/>
        <source>To the desktop or a shell, for IT. The kiosk does not start again by itself.</source>
        <translation>To the desktop or a shell, for IT. The kiosk does not start again by itself.</translation>
    </message>
    <message>
        <location filename="../ui/console/supervisor_page.py" line="34"/>
        <source>Restart the kiosk</source>
        <translation>Restart the kiosk</translation>
    </message>
    <message>
        <location filename="../ui/console/supervisor_page.py" line="35"/>
        <source>The kiosk program starts again; nothing queued is lost.</source>
        <translation>The kiosk program starts again; nothing queued is lost.</translation>
    </message>
    <message>
        <location filename="../ui/console/supervisor_page.py" line="36"/>
        <source>Shut the machine down</source>
        <translation>Shut the machine down</translation>
    </message>
    <message>
        <location filename="../ui/console/supervisor_page.py" line="37"/>
        <source>Queued applications stay on this kiosk and are sent after the next start.</source>
        <translation>Queued applications stay on this kiosk and are sent after the next start.</translation>
    </message>
</context>
<context>
    <name>SyncLine</name>
    <message>
        <location filename="../ui/sync_line.py" line="40"/>
        <source>Offline · %1 waiting</source>
        <translation>Offline · %1 waiting</translation>
    </message>
    <message>
        <location filename="../ui/sync_line.py" line="42"/>
        <source>Not the centre (login page?) · %1 waiting</source>
        <translation>Not the centre (login page?) · %1 waiting</translation>
    </message>
    <message>
        <location filename="../ui/sync_line.py" line="44"/>
        <source>Sync stopped (%1)</source>
        <translation>Sync stopped (%1)</translation>
    </message>
    <message>
        <location filename="../ui/sync_line.py" line="46"/>
        <source>%1 set aside</source>
        <translation>%1 set aside</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../ui/console/today_page.py" line="19"/>
        <location filename="../ui/console/today_page.py" line="25"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="29"/>
        <source>CSV files go to: %1</source>
        <translation>CSV files go to: %1</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="35"/>
        <source>Export as CSV</source>
        <translation>Export as CSV</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="53"/>
        <source>Residents served</source>
        <translation>Residents served</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="53"/>
        <source>Applications</source>
        <translation>Applications</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="54"/>
        <source>Guided by a helper</source>
        <translation>Guided by a helper</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="54"/>
        <source>Self-service</source>
        <translation>Self-service</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="55"/>
        <source>Set aside by the centre</source>
        <translation>Set aside by the centre</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="64"/>
        <source>By service</source>
        <translation>By service</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="66"/>
        <source>No application yet today.</source>
        <translation>No application yet today.</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="68"/>
        <source>median %1 min</source>
        <translation>median %1 min</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="69"/>
        <source>no timed visit</source>
        <translation>no timed visit</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/console/today_page.py" line="71"/>
        <source>%n application(s)</source>
        <translation>
            <numerusform>%n application</numerusform>
            <numerusform>%n applications</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="72"/>
        <source>(%1 guided, %2 self-service), %3 set aside, %4</source>
        <translation>(%1 guided, %2 self-service), %3 set aside, %4</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="76"/>
        <source>Ratings (好差评)</source>
        <translation>Ratings (好差评)</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="77"/>
        <source>very satisfied</source>
        <translation>very satisfied</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="77"/>
        <source>satisfied</source>
        <translation>satisfied</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="78"/>
        <source>fairly satisfied</source>
        <translation>fairly satisfied</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="78"/>
        <source>dissatisfied</source>
        <translation>dissatisfied</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="79"/>
        <source>very dissatisfied</source>
        <translation>very dissatisfied</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="91"/>
        <source>Saved: %1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
</TS>
