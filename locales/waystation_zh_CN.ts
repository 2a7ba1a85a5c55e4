<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CameraView</name>
    <message>
        <location filename="../ui/camera_view.py" line="37" />
        <source>Camera picture</source>
        <translation>摄像头画面</translation>
    </message>
</context>
<context>
    <name>DocumentsScreen</name>
    <message>
        <location filename="../ui/screens/documents.py" line="35" />
        <source>Document %1 of %2</source>
        <translation>第 %1 份材料，共 %2 份</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="39" />
        <location filename="../ui/screens/documents.py" line="262" />
        <source>Photograph: %1</source>
        <translation>请拍摄：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="52" />
        <source>Lay it flat under the camera, inside the frame.</source>
        <translation>请把材料平放在摄像头下方的框内。</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="57" />
        <source>Photo preview</source>
        <translation>照片预览</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="66" />
        <source>✓ Photo taken. Touch Next, or take it again.</source>
        <translation>✓ 已拍好。请按“下一步”，或重新拍摄。</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="73" />
        <source>Take the photo again</source>
        <translation>重新拍摄</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="73" />
        <source>Take the photo</source>
        <translation>拍摄</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="75" />
        <source>Retake</source>
        <translation>重拍</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="76" />
        <source>Use this photo</source>
        <translation>用这张照片</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="77" />
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="105" />
        <source>Take photo now</source>
        <translation>现在拍照</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="186" />
        <source>Is the whole page clear? Touch “Use this photo”, or “Retake”.</source>
        <translation>整页都清楚吗？请点“用这张照片”，或点“重拍”。</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../ui/screens/form.py" line="55" />
        <source>Question %1 of %2</source>
        <translation>第 %1 题，共 %2 题</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="55" />
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="71" />
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="134" />
        <source> (optional)</source>
        <translation>（选填）</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="171" />
        <source>A helper can type this for you</source>
        <translation>可以请工作人员帮您输入</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="180" />
        <location filename="../ui/screens/form.py" line="186" />
        <source>Touch to type</source>
        <translation>点此输入</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="182" />
        <source>Change %1</source>
        <translation>修改%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="239" />
        <location filename="../ui/screens/form.py" line="242" />
        <source>%1. %2</source>
        <translation>%1。%2</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <location filename="../ui/screens/guide.py" line="19" />
        <source>Please have ready:</source>
        <translation>请准备好：</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="21" />
        <source>Steps:</source>
        <translation>办理步骤：</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="23" />
        <source>Time: %1</source>
        <translation>所需时间：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="24" />
        <source>To prove who you are: %1</source>
        <translation>身份核验方式：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="27" />
        <source>Your appointment: %1</source>
        <translation>您的预约：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="30" />
        <source>One form, sent to: %1</source>
        <translation>填写一次，同时送达：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="31" />
        <location filename="../ui/screens/guide.py" line="42" />
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="34" />
        <source>Start</source>
        <translation>开始办理</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="37" />
        <source>ID number, with a helper</source>
        <translation>在工作人员协助下输入身份号码</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="37" />
        <source>ID card</source>
        <translation>身份证</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="38" />
        <source>ID card and a photo of your face</source>
        <translation>身份证和现场人像照片</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="44" />
        <source>%1. %2</source>
        <translation>%1。%2</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="45" />
        <source>Please have ready: %1.</source>
        <translation>请准备好：%1。</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="46" />
        <source>Touch Start when you are ready.</source>
        <translation>准备好后，请按“开始办理”。</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../ui/screens/home.py" line="66" />
        <source>Welcome. Touch the service you need.</source>
        <translation>欢迎！请点选您要办理的事项。</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="88" />
        <source>Check the progress of an application</source>
        <translation>查询办理进度</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="76" />
        <location filename="../ui/screens/home.py" line="92" />
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="93" />
        <source>Welcome. Touch the service you need: %1.</source>
        <translation>欢迎！请点选您要办理的事项：%1。</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="76" />
        <source>Bring: %1</source>
        <translation>请带：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="78" />
        <source>Takes: %1</source>
        <translation>用时：%1</translation>
    </message>
</context>
<context>
    <name>IdentityScreen</name>
    <message>
        <location filename="../ui/screens/identity.py" line="46" />
        <location filename="../ui/screens/identity.py" line="145" />
        <location filename="../ui/screens/identity.py" line="448" />
        <source>Please place your ID card on the reader.</source>
        <translation>请把身份证放在读卡区。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="47" />
        <location filename="../ui/screens/identity.py" line="78" />
        <location filename="../ui/screens/identity.py" line="84" />
        <location filename="../ui/screens/identity.py" line="123" />
        <source>Waiting for the card…</source>
        <translation>正在等待放置证件……</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="53" />
        <source>No card? Type the ID number with a helper</source>
        <translation>没带证件？请工作人员协助输入身份号码</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="74" />
        <source>Reading the card… please keep it still.</source>
        <translation>正在读卡……请不要移动证件。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="81" />
        <source>The card reader is not connected. Please ask a helper.</source>
        <translation>读卡器没有连接，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="94" />
        <source>Card read.</source>
        <translation>读卡成功。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="97" />
        <source>Is this you: %1?</source>
        <translation>请确认是您本人：%1？</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="101" />
        <source>Yes, continue</source>
        <translation>是我，继续</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="102" />
        <source>No, that is not me</source>
        <translation>不是我</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="165" />
        <source>Type the ID number (a helper stays with you).</source>
        <translation>请输入身份号码（工作人员在旁协助）。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="182" />
        <source>Type the ID number.</source>
        <translation>请输入身份号码。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="187" />
        <location filename="../ui/screens/identity.py" line="349" />
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="224" />
        <source>Now a photo of your face.</source>
        <translation>现在拍一张人像照片。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="225" />
        <location filename="../ui/screens/identity.py" line="441" />
        <source>Now a photo of your face. Look at the camera and touch the button.</source>
        <translation>现在拍一张人像照片。请看着摄像头，然后按下按钮。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="238" />
        <source>Try again</source>
        <translation>再试一次</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="239" />
        <source>Turn my head instead</source>
        <translation>改为转头</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="259" />
        <source>No camera: a helper will compare your face with the card.</source>
        <translation>没有摄像头：工作人员会帮您核对人像和证件。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="266" />
        <source>Take my photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="287" />
        <source>Touch the button and a helper will check your face.</source>
        <translation>请按下按钮，由工作人员核对您的人像。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="289" />
        <source>The camera works again. Please look at it.</source>
        <translation>摄像头已恢复，请看着摄像头。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="303" />
        <source>That did not work. Touch “Try again”, or the button and a helper will check.</source>
        <translation>没有成功。请点“再试一次”，或点下面的按钮，由工作人员核对。</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../ui/idle_overlay.py" line="35" />
        <location filename="../ui/idle_overlay.py" line="77" />
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message>
        <location filename="../ui/idle_overlay.py" line="38" />
        <source>I am still here</source>
        <translation>我还在</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/idle_overlay.py" line="54" />
        <source>This session will end in %n seconds to protect your privacy.</source>
        <translation>
            <numerusform>为保护您的隐私，本次办理将在 %n 秒后结束。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/idle_overlay.py" line="78" />
        <source>Touch “I am still here” to continue.</source>
        <translation>请点“我还在”继续。</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../ui/keypad.py" line="101" />
        <source>⌫ Delete</source>
        <translation>⌫ 删除</translation>
    </message>
    <message>
        <location filename="../ui/keypad.py" line="101" />
        <location filename="../ui/keypad.py" line="102" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../ui/keypad.py" line="104" />
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/keypad.py" line="199" />
        <source>Typed so far: %n characters</source>
        <translation>
            <numerusform>已输入 %n 位</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/keypad.py" line="209" />
        <source>%n more to type</source>
        <translation>
            <numerusform>还需输入 %n 位</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/keypad.py" line="216" />
        <source>✓ Check digit correct</source>
        <translation>✓ 校验正确</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="330" />
        <location filename="../ui/main_window.py" line="339" />
        <source>Language: %1</source>
        <translation>切换语言：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="332" />
        <location filename="../ui/main_window.py" line="340" />
        <source>Elder mode</source>
        <translation>长辈模式</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="340" />
        <source>✓ Elder mode</source>
        <translation>✓ 长辈模式</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="333" />
        <location filename="../ui/main_window.py" line="341" />
        <source>Voice guidance unavailable</source>
        <translation>语音播报暂不可用</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="331" />
        <source>✓ Elder</source>
        <translation>✓ 长辈</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="331" />
        <source>Elder</source>
        <translation>长辈</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="334" />
        <location filename="../ui/main_window.py" line="342" />
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="334" />
        <location filename="../ui/main_window.py" line="342" />
        <source>Sound: speed and volume</source>
        <translation>声音：语速和音量</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="335" />
        <location filename="../ui/main_window.py" line="343" />
        <source>Repeat</source>
        <translation>重播</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="336" />
        <source>Help</source>
        <translation>求助</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="336" />
        <source>Help: call a helper</source>
        <translation>求助：呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="344" />
        <source>Call a helper</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="384" />
        <source>Slower</source>
        <translation>慢一点</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="385" />
        <source>Faster</source>
        <translation>快一点</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="386" />
        <source>Quieter</source>
        <translation>小声一点</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="387" />
        <source>Louder</source>
        <translation>大声一点</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="395" />
        <source>Volume %1%</source>
        <translation>音量 %1%</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="396" />
        <source>Speed %1</source>
        <translation>语速 %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="406" />
        <source>This code is not a Waystation receipt or appointment. Please show the receipt's QR code.</source>
        <translation>这不是驿站的回执或预约码，请出示回执上的二维码。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="475" />
        <source>Application number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="475" />
        <source>Issued</source>
        <translation>开具时间</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="476" />
        <source>Keep this receipt to check progress.</source>
        <translation>请保存本回执，用于查询办理进度。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="404" />
        <source>A helper is coming to you. Please wait here.</source>
        <translation>工作人员马上过来，请在这里稍等。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="405" />
        <source>Please wave to a helper: the request could not be saved.</source>
        <translation>呼叫没有保存成功，请向工作人员招手。</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../ui/screens/rating.py" line="35" />
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="35" />
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="36" />
        <source>Fairly satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="36" />
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="37" />
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="41" />
        <source>How was the service today?</source>
        <translation>请为本次服务评价</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="43" />
        <source>Touch one. Your answer is anonymous; you may skip.</source>
        <translation>请点选一项。评价不记录您的个人信息，也可以跳过。</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="58" />
        <source>We are sorry. What went wrong? Touch all that apply.</source>
        <translation>很抱歉。请告诉我们哪里不满意（可多选）。</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="68" />
        <source>Ask a helper to come</source>
        <translation>请工作人员过来</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="99" />
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="110" />
        <source>Send</source>
        <translation>提交评价</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="133" />
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="132" />
        <source>We are sorry. What went wrong? Touch all that apply, then Send.</source>
        <translation>很抱歉。请点选不满意的地方，可以多选，然后按“提交评价”。</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="134" />
        <source>How was the service today? %1. Or touch Skip.</source>
        <translation>请为本次服务评价：%1。也可以按“跳过”。</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <location filename="../ui/screens/receipt.py" line="37" />
        <source>✓ Your application has been received.</source>
        <translation>✓ 您的申请已受理。</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="41" />
        <source>Application number:</source>
        <translation>申请编号：</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="50" />
        <source>QR code of the application number</source>
        <translation>申请编号二维码</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="57" />
        <source>Keep this number: you can check progress with it or with your ID card.</source>
        <translation>请记下这个编号：凭编号或身份证都可以查询进度。</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="60" />
        <source>Your receipt is being printed below the screen.</source>
        <translation>回执正在打印，请在屏幕下方取走。</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="61" />
        <source>A copy of this receipt is saved; a helper can print it for you.</source>
        <translation>回执已保存，工作人员可以帮您打印。</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="62" />
        <source>The printer did not work; a copy is saved and a helper can print it.</source>
        <translation>打印机没有工作，回执已保存，工作人员可以帮您打印。</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="70" />
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="78" />
        <source>Your application has been received. Your application number is %1.</source>
        <translation>您的申请已受理。申请编号是：%1。</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../ui/screens/review.py" line="37" />
        <source>Please check your answers.</source>
        <translation>请核对您填写的内容。</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="52" />
        <location filename="../ui/screens/review.py" line="68" />
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="53" />
        <location filename="../ui/screens/review.py" line="69" />
        <source>Change %1</source>
        <translation>修改%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="67" />
        <source>✓ photo taken</source>
        <translation>✓ 已拍摄</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="67" />
        <source>— no photo</source>
        <translation>— 未拍摄</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="136" />
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="147" />
        <source>Please check your answers. Touch Change to correct one, or Submit when all is right.</source>
        <translation>请核对您填写的内容。需要更正请按“修改”，确认无误请按“提交”。</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="94" />
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="78" />
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="95" />
        <source>Show %1 for 10 seconds</source>
        <translation>显示%1，10 秒后隐藏</translation>
    </message>
</context>
<context>
    <name>SavingScreen</name>
    <message>
        <location filename="../ui/main_window.py" line="66" />
        <source>Saving your application…</source>
        <translation>正在保存您的申请……</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../ui/screens/base.py" line="115" />
        <source>Back</source>
        <extracomment>key of the spoken prompt (voice guidance) for this screen</extracomment>
        <translation>上一步</translation>
    </message>
</context>
<context>
    <name>StationHeader</name>
    <message>
        <location filename="../ui/station_header.py" line="80" />
        <source>The network is down for now; applications are saved on this kiosk first</source>
        <translation>网络暂时断开，申请会先保存在本机</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <location filename="../ui/screens/status.py" line="32" />
        <source>Check the progress of your applications</source>
        <extracomment>every status an application can have on this kiosk: its own (queued, set_aside) and the centre's</extracomment>
        <translation>查询您的办理进度</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="75" />
        <source>Place your ID card on the reader, show the receipt's QR code to the camera, or type the last 8 digits of the number on your receipt (after the date).</source>
        <translation>请把身份证放在读卡区，或把回执上的二维码对准摄像头，或输入回执编号最后8位数字（日期之后的部分）。</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="49" />
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="59" />
        <source>No application found. Applications sent more than a while ago may be known only at the service centre; please ask a helper.</source>
        <translation>没有找到申请。较早的申请可能只在服务中心有记录，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="74" />
        <source>Place your ID card, show the receipt's QR code, or type the receipt's last 8 digits.</source>
        <translation>请放身份证，或出示回执二维码，或输入回执编号最后8位。</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="89" />
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="95" />
        <source>saved on this kiosk, waiting to be sent</source>
        <translation>已保存在本机，等待发送</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="96" />
        <source>kept on this kiosk for a helper to check: please ask a helper</source>
        <translation>已暂存在本机，待工作人员核对：请联系工作人员</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="97" />
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="98" />
        <source>being sent to the service centre</source>
        <translation>正在发送到服务中心</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="99" />
        <source>received by the service centre</source>
        <translation>服务中心已接收</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="100" />
        <source>being reviewed</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="101" />
        <source>approved</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="102" />
        <source>not approved: please ask a helper</source>
        <translation>未通过：请联系工作人员</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="103" />
        <source>needs a correction: please ask a helper</source>
        <translation>需要补正：请联系工作人员</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="104" />
        <source>unknown: please ask a helper</source>
        <translation>状态未知：请联系工作人员</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="109" />
        <source>Please type all 8 digits.</source>
        <translation>请输入全部8位数字。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/screens/status.py" line="126" />
        <source>%n application(s) found.</source>
        <translation>
            <numerusform>找到 %n 件申请。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StepTexts</name>
    <message>
        <location filename="../ui/step_indicator.py" line="23" />
        <source>Identity</source>
        <translation>核验身份</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="23" />
        <source>Your details</source>
        <translation>填写信息</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="24" />
        <source>Photos</source>
        <translation>拍摄材料</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="24" />
        <source>Confirm</source>
        <translation>确认提交</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="27" />
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="32" />
        <source>%1: %2.</source>
        <translation>%1：%2。</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="37" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="40" />
        <source>▶ Now: %1</source>
        <translation>▶ 当前：%1</translation>
    </message>
</context>
<context>
    <name>SyncLine</name>
    <message>
        <location filename="../ui/sync_line.py" line="40" />
        <source>Offline · %1 waiting</source>
        <translation>离线 · %1 件待发</translation>
    </message>
    <message>
        <location filename="../ui/sync_line.py" line="42" />
        <source>Not the centre (login page?) · %1 waiting</source>
        <translation>非服务中心（登录页？）· %1 件待发</translation>
    </message>
    <message>
        <location filename="../ui/sync_line.py" line="44" />
        <source>Sync stopped (%1)</source>
        <translation>同步已停止（%1）</translation>
    </message>
    <message>
        <location filename="../ui/sync_line.py" line="46" />
        <source>%1 set aside</source>
        <translation>%1 件待核对</translation>
    </message>
</context>
</TS>