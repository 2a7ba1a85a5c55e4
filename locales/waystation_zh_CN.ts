<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgentLine</name>
    <message>
        <location filename="../ui/proxy_parts.py" line="31"/>
        <source>Agent (verified by card): %1. Applying for the principal below.</source>
        <translation>代理人（已核验身份证）：%1。为下面的委托人办理。</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <location filename="../ui/camera_view.py" line="37"/>
        <source>Camera picture</source>
        <translation>摄像头画面</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <location filename="../ui/screens/consent.py" line="38"/>
        <source>Agent: please confirm this application</source>
        <translation>代理人：请确认这份申请</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="39"/>
        <source>Please confirm this application</source>
        <translation>请确认这份申请</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="54"/>
        <location filename="../ui/screens/consent.py" line="160"/>
        <source>Lift your ID card and lay it on the reader again.</source>
        <translation>请拿起您的身份证，再放到读卡区一次。</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="56"/>
        <source>Waiting for the card…</source>
        <translation>正在等待证件…</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="60"/>
        <source>Or sign with your finger in the box:</source>
        <translation>或者用手指在框内签名：</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="61"/>
        <source>Sign with your finger in the box:</source>
        <translation>请用手指在框内签名：</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="63"/>
        <source>Sign here</source>
        <translation>在此签名</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="68"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="70"/>
        <source>Use my card instead</source>
        <translation>改为放置身份证</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="74"/>
        <location filename="../ui/screens/consent.py" line="76"/>
        <source>Confirm with this signature</source>
        <translation>用这个签名确认</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="74"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="83"/>
        <source>Sign on the screen instead</source>
        <translation>改为在屏幕上签名</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="91"/>
        <source>The helper filled this in with you. Only you can confirm it is yours and right.</source>
        <translation>工作人员和您一起填写了这份申请。只有您本人能确认它是您的、内容无误。</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="97"/>
        <source>Reading the card… please keep it still.</source>
        <translation>正在读卡…请不要移动证件。</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="158"/>
        <source>Lay your ID card on the reader again, or sign with your finger in the box.</source>
        <translation>请把身份证再放到读卡区一次，或者用手指在框内签名。</translation>
    </message>
    <message>
        <location filename="../ui/screens/consent.py" line="162"/>
        <source>Sign with your finger in the box.</source>
        <translation>请用手指在框内签名。</translation>
    </message>
</context>
<context>
    <name>ConsoleShell</name>
    <message>
        <location filename="../ui/console/shell.py" line="86"/>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="86"/>
        <source>helper</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="87"/>
        <source>%1 · helper %2 · %3</source>
        <translation>%1 · 工号 %2 · %3</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="92"/>
        <source>Helper console</source>
        <translation>工作人员工作台</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="98"/>
        <source>Start a guided application</source>
        <translation>开始帮办申请</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="100"/>
        <source>Back to resident screen</source>
        <translation>回到居民界面</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="102"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="154"/>
        <source>leave the kiosk</source>
        <translation>退出自助机程序</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="154"/>
        <source>restart the kiosk</source>
        <translation>重新启动自助机程序</translation>
    </message>
    <message>
        <location filename="../ui/console/shell.py" line="155"/>
        <source>shut the machine down</source>
        <translation>关闭这台机器</translation>
    </message>
</context>
<context>
    <name>ConsoleWords</name>
    <message>
        <location filename="../ui/console/words.py" line="41"/>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/console/words.py" line="43"/>
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/console/words.py" line="45"/>
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/console/words.py" line="46"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
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
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="55"/>
        <source>What the service needs</source>
        <translation>办事指南</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="56"/>
        <source>Identity check</source>
        <translation>核验身份</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="56"/>
        <source>Filling in the form</source>
        <translation>填写信息</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="57"/>
        <source>Photos of documents</source>
        <translation>拍摄材料</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="57"/>
        <source>Checking before submitting</source>
        <translation>确认提交前核对</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="58"/>
        <source>Submitting</source>
        <translation>正在提交</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="58"/>
        <source>Receipt</source>
        <translation>回执</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="58"/>
        <source>Rating the visit</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="59"/>
        <source>Checking progress</source>
        <translation>查询进度</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="60"/>
        <source>Another screen (%1)</source>
        <translation>其他页面（%1）</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="63"/>
        <source>Live-face check passed</source>
        <translation>活体检测通过</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="63"/>
        <source>Live-face check not passed</source>
        <translation>活体检测未通过</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="64"/>
        <source>Live-face check skipped</source>
        <translation>未做活体检测</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="64"/>
        <source>No live-face check</source>
        <translation>无需活体检测</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="68"/>
        <source>The kiosk found the faces clearly different</source>
        <translation>本机比对：明显不像同一人</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="69"/>
        <source>The kiosk could not tell</source>
        <translation>本机比对：无法判断</translation>
    </message>
    <message>
        <location filename="../ui/console/words.py" line="70"/>
        <source>The kiosk did not compare the faces</source>
        <translation>本机未做人脸比对</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../ui/console/devices_page.py" line="33"/>
        <location filename="../ui/console/devices_page.py" line="42"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="51"/>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="51"/>
        <source>Read a card</source>
        <translation>读一张卡</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="52"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="52"/>
        <source>Show the camera</source>
        <translation>显示摄像头画面</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="53"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="53"/>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="54"/>
        <source>Speech</source>
        <translation>语音播报</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="54"/>
        <source>Speak a test sentence</source>
        <translation>播报一句测试语音</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="55"/>
        <source>Sync with the centre</source>
        <translation>与中心同步</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="55"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="97"/>
        <source>No card reader configured: residents type the ID number with a helper.</source>
        <translation>没有配置读卡器：居民在工作人员协助下输入身份证号。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="102"/>
        <source>Not connected. %1</source>
        <translation>未连接。%1</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="103"/>
        <source>Connected: %1.</source>
        <translation>已连接：%1。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="108"/>
        <source>No camera configured: a helper compares faces and takes documents.</source>
        <translation>没有配置摄像头：由工作人员比对人脸、拍摄材料。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="110"/>
        <source>Working: %1.</source>
        <translation>工作正常：%1。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="110"/>
        <source>No picture: %1.</source>
        <translation>没有画面：%1。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="116"/>
        <source>No printer configured: receipts are saved as PDF files.</source>
        <translation>没有配置打印机：回执保存为 PDF 文件。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="117"/>
        <source>Configured: %1.</source>
        <translation>已配置：%1。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="122"/>
        <source>Switched off: screens are not read aloud.</source>
        <translation>已关闭：界面不会朗读。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="123"/>
        <source>Working.</source>
        <translation>工作正常。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="124"/>
        <source>Not working: residents see the words but do not hear them.</source>
        <translation>不能使用：居民能看到文字，但听不到语音。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="131"/>
        <source>No central service configured: applications stay on this kiosk.</source>
        <translation>没有配置中心服务：申请保存在本机。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="134"/>
        <source>Not known yet: the first sync pass has not ended.</source>
        <translation>暂不清楚：第一次同步尚未结束。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="135"/>
        <source>The centre is reached.</source>
        <translation>已连上中心。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="135"/>
        <source>The centre cannot be reached.</source>
        <translation>连不上中心。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="136"/>
        <source>The server reached is not this station&apos;s centre.</source>
        <translation>连接到的服务器不是本站的中心。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="137"/>
        <source>Sync is stopped: please call IT.</source>
        <translation>同步已停止：请联系技术人员。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="138"/>
        <source>%1 waiting, %2 set aside.</source>
        <translation>%1 份等待发送，%2 份被退回。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="149"/>
        <source>Lay a card on the reader…</source>
        <translation>请把一张卡放到读卡器上…</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="154"/>
        <source>No card was read within 30 seconds.</source>
        <translation>30 秒内没有读到卡。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="164"/>
        <source>Card read correctly: %1.</source>
        <translation>读卡正常：%1。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="168"/>
        <source>The card could not be read: %1</source>
        <translation>读卡失败：%1</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="182"/>
        <source>The camera&apos;s live picture is shown below. Touch “Show the camera” again to close it.</source>
        <translation>下方是摄像头的实时画面。再点一次“显示摄像头画面”即可关闭。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="196"/>
        <source>Printing a test page…</source>
        <translation>正在打印测试页…</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="197"/>
        <source>Test page</source>
        <translation>测试页</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="197"/>
        <source>Printed</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="198"/>
        <source>The printer works.</source>
        <translation>打印机工作正常。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="220"/>
        <source>The test page went to the printer.</source>
        <translation>测试页已送到打印机。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="221"/>
        <source>The test page was not printed: %1</source>
        <translation>测试页没有打印出来：%1</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="227"/>
        <source>This is the speech test of the kiosk.</source>
        <translation>这是自助机的语音测试。</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="228"/>
        <source>Speaking a test sentence. Did you hear it?</source>
        <translation>正在播报测试语音，您听到了吗？</translation>
    </message>
    <message>
        <location filename="../ui/console/devices_page.py" line="235"/>
        <source>Sync asked to send now; the state follows here.</source>
        <translation>已要求立即发送，结果会显示在这里。</translation>
    </message>
</context>
<context>
    <name>DocumentsScreen</name>
    <message>
        <location filename="../ui/screens/documents.py" line="35"/>
        <source>Document %1 of %2</source>
        <translation>第 %1 份材料，共 %2 份</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="39"/>
        <location filename="../ui/screens/documents.py" line="262"/>
        <source>Photograph: %1</source>
        <translation>请拍摄：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="52"/>
        <source>Lay it flat under the camera, inside the frame.</source>
        <translation>请把材料平放在摄像头下方的框内。</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="57"/>
        <source>Photo preview</source>
        <translation>照片预览</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="66"/>
        <source>✓ Photo taken. Touch Next, or take it again.</source>
        <translation>✓ 已拍好。请按“下一步”，或重新拍摄。</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="73"/>
        <source>Take the photo again</source>
        <translation>重新拍摄</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="73"/>
        <source>Take the photo</source>
        <translation>拍摄</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="75"/>
        <source>Retake</source>
        <translation>重拍</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="76"/>
        <source>Use this photo</source>
        <translation>用这张照片</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="77"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="105"/>
        <source>Take photo now</source>
        <translation>现在拍照</translation>
    </message>
    <message>
        <location filename="../ui/screens/documents.py" line="186"/>
        <source>Is the whole page clear? Touch “Use this photo”, or “Retake”.</source>
        <translation>整页都清楚吗？请点“用这张照片”，或点“重拍”。</translation>
    </message>
</context>
<context>
    <name>FacesPage</name>
    <message>
        <location filename="../ui/console/faces.py" line="55"/>
        <source>Faces to confirm</source>
        <translation>人脸待核对</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/console/faces.py" line="75"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 份待核对</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="79"/>
        <source>No face is waiting for a helper.</source>
        <translation>没有待核对的人脸。</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="92"/>
        <location filename="../ui/console/faces.py" line="156"/>
        <source>Submitted %1</source>
        <translation>提交时间：%1</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="97"/>
        <source>Open the photos</source>
        <translation>打开照片</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="119"/>
        <source>Taken at the kiosk</source>
        <translation>现场拍摄</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="120"/>
        <source>Photo on the ID card</source>
        <translation>证件照片</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="123"/>
        <source>Same person</source>
        <translation>是同一人</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="124"/>
        <source>Not the same person</source>
        <translation>不是同一人</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="128"/>
        <source>Back to the list</source>
        <translation>返回列表</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="198"/>
        <source>No photo was taken at the kiosk (no camera, or it failed). Compare the card photo with the resident in person.</source>
        <translation>本机没有拍到现场照片（没有摄像头或拍摄失败）。请当面核对证件照片与本人。</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="201"/>
        <source>The card&apos;s photo could not be read. Compare the live photo with the resident&apos;s card in person.</source>
        <translation>无法读取证件照片。请当面核对现场照片与本人证件。</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="249"/>
        <source>same person</source>
        <translation>是同一人</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="250"/>
        <source>not the same person</source>
        <translation>不是同一人</translation>
    </message>
    <message>
        <location filename="../ui/console/faces.py" line="251"/>
        <source>Recorded for %1: %2 (helper %3). The kiosk sends it to the centre after the application.</source>
        <translation>已记录 %1：%2（工作人员 %3）。本机会在申请之后把结果发送给中心。</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../ui/screens/form.py" line="57"/>
        <source>Question %1 of %2</source>
        <translation>第 %1 题，共 %2 题</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="57"/>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="77"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="145"/>
        <source> (optional)</source>
        <translation>（选填）</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="186"/>
        <source>The helper types this (keyboard, pinyin input)</source>
        <translation>由工作人员用键盘输入（可用拼音输入法）</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="188"/>
        <source>A helper can type this for you</source>
        <translation>可以请工作人员帮您输入</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="197"/>
        <location filename="../ui/screens/form.py" line="203"/>
        <source>Touch to type</source>
        <translation>点此输入</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="199"/>
        <source>Change %1</source>
        <translation>修改%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/form.py" line="256"/>
        <location filename="../ui/screens/form.py" line="259"/>
        <source>%1. %2</source>
        <translation>%1。%2</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <location filename="../ui/screens/guide.py" line="19"/>
        <source>Please have ready:</source>
        <translation>请准备好：</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="21"/>
        <source>Steps:</source>
        <translation>办理步骤：</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="23"/>
        <source>Time: %1</source>
        <translation>所需时间：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="24"/>
        <source>To prove who you are: %1</source>
        <translation>身份核验方式：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="27"/>
        <source>Your appointment: %1</source>
        <translation>您的预约：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="30"/>
        <source>One form, sent to: %1</source>
        <translation>填写一次，同时送达：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="31"/>
        <location filename="../ui/screens/guide.py" line="42"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="34"/>
        <source>Start</source>
        <translation>开始办理</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="37"/>
        <source>ID number, with a helper</source>
        <translation>在工作人员协助下输入身份号码</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="37"/>
        <source>ID card</source>
        <translation>身份证</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="38"/>
        <source>ID card and a photo of your face</source>
        <translation>身份证和现场人像照片</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="44"/>
        <source>%1. %2</source>
        <translation>%1。%2</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="45"/>
        <source>Please have ready: %1.</source>
        <translation>请准备好：%1。</translation>
    </message>
    <message>
        <location filename="../ui/screens/guide.py" line="46"/>
        <source>Touch Start when you are ready.</source>
        <translation>准备好后，请按“开始办理”。</translation>
    </message>
</context>
<context>
    <name>GuidedBanner</name>
    <message>
        <location filename="../ui/guided_banner.py" line="86"/>
        <source>Proxy · helper %1 (%2)</source>
        <translation>代办 · 工作人员 %1（%2）</translation>
    </message>
    <message>
        <location filename="../ui/guided_banner.py" line="88"/>
        <source>Correction · helper %1 (%2)</source>
        <translation>更正 · 工作人员 %1（%2）</translation>
    </message>
    <message>
        <location filename="../ui/guided_banner.py" line="90"/>
        <source>Helper %1 (%2) is helping you</source>
        <translation>工作人员 %1（%2）正在协助您</translation>
    </message>
</context>
<context>
    <name>HelpRequestsPage</name>
    <message>
        <location filename="../ui/console/help_requests.py" line="78"/>
        <source>Help requests</source>
        <translation>求助</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/console/help_requests.py" line="106"/>
        <source>%n waiting for a helper</source>
        <translation>
            <numerusform>%n 人等待帮助</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="110"/>
        <source>No one has called for a helper.</source>
        <translation>目前没有人求助。</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="117"/>
        <source>Waiting for a helper</source>
        <translation>等待工作人员</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="118"/>
        <source>Acknowledged by helper %1 at %2</source>
        <translation>工作人员 %1 已于 %2 收到</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="126"/>
        <source>On: %1</source>
        <translation>所在页面：%1</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="131"/>
        <source>Acknowledge: tell the resident</source>
        <translation>收到，告诉居民马上过来</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="134"/>
        <source>Resolved</source>
        <translation>已处理完毕</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="141"/>
        <source>Called %1</source>
        <translation>求助时间：%1</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="197"/>
        <source>Someone has already answered this request.</source>
        <translation>这条求助已有人收到。</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="199"/>
        <source>Acknowledged. The resident&apos;s screen now says a helper is on the way, and the kiosk has said it aloud.</source>
        <translation>已收到。居民的屏幕已显示并播报：工作人员马上过来。</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="202"/>
        <source>Acknowledged. The resident who called has already finished at the kiosk, so nothing was shown to them.</source>
        <translation>已收到。求助的居民已结束办理，屏幕上没有再提示。</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="208"/>
        <source>Resolved.</source>
        <translation>已处理完毕。</translation>
    </message>
    <message>
        <location filename="../ui/console/help_requests.py" line="208"/>
        <source>This request was already resolved.</source>
        <translation>这条求助已经处理完毕。</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../ui/screens/home.py" line="67"/>
        <source>Welcome. Touch the service you need.</source>
        <translation>欢迎！请点选您要办理的事项。</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="91"/>
        <source>Check the progress of an application</source>
        <translation>查询办理进度</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="77"/>
        <location filename="../ui/screens/home.py" line="107"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="95"/>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="96"/>
        <source>Staff sign-in</source>
        <translation>工作人员登录</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="108"/>
        <source>Welcome. Touch the service you need: %1.</source>
        <translation>欢迎！请点选您要办理的事项：%1。</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="77"/>
        <source>Bring: %1</source>
        <translation>请带：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/home.py" line="79"/>
        <source>Takes: %1</source>
        <translation>用时：%1</translation>
    </message>
</context>
<context>
    <name>IdentityScreen</name>
    <message>
        <location filename="../ui/screens/identity.py" line="161"/>
        <source>Please place your ID card on the reader.</source>
        <translation>请把身份证放在读卡区。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="49"/>
        <location filename="../ui/screens/identity.py" line="81"/>
        <location filename="../ui/screens/identity.py" line="87"/>
        <location filename="../ui/screens/identity.py" line="132"/>
        <source>Waiting for the card…</source>
        <translation>正在等待放置证件……</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="55"/>
        <source>No card? Type the ID number with a helper</source>
        <translation>没带证件？请工作人员协助输入身份号码</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="77"/>
        <source>Reading the card… please keep it still.</source>
        <translation>正在读卡……请不要移动证件。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="84"/>
        <source>The card reader is not connected. Please ask a helper.</source>
        <translation>读卡器没有连接，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="97"/>
        <source>Card read.</source>
        <translation>读卡成功。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="104"/>
        <source>Is this you: %1?</source>
        <translation>请确认是您本人：%1？</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="108"/>
        <source>Yes, continue</source>
        <translation>是我，继续</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="109"/>
        <source>No, that is not me</source>
        <translation>不是我</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="162"/>
        <source>Agent: please place your own ID card on the reader.</source>
        <translation>代理人：请把您本人的身份证放在读卡区。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="178"/>
        <source>Type the ID number (a helper stays with you).</source>
        <translation>请输入身份号码（工作人员在旁协助）。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="195"/>
        <source>Type the ID number.</source>
        <translation>请输入身份号码。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="200"/>
        <location filename="../ui/screens/identity.py" line="362"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="237"/>
        <source>Now a photo of your face.</source>
        <translation>现在拍一张人像照片。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="238"/>
        <location filename="../ui/screens/identity.py" line="454"/>
        <source>Now a photo of your face. Look at the camera and touch the button.</source>
        <translation>现在拍一张人像照片。请看着摄像头，然后按下按钮。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="251"/>
        <source>Try again</source>
        <translation>再试一次</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="252"/>
        <source>Turn my head instead</source>
        <translation>改为转头</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="272"/>
        <source>No camera: a helper will compare your face with the card.</source>
        <translation>没有摄像头：工作人员会帮您核对人像和证件。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="279"/>
        <source>Take my photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="300"/>
        <source>Touch the button and a helper will check your face.</source>
        <translation>请按下按钮，由工作人员核对您的人像。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="302"/>
        <source>The camera works again. Please look at it.</source>
        <translation>摄像头已恢复，请看着摄像头。</translation>
    </message>
    <message>
        <location filename="../ui/screens/identity.py" line="316"/>
        <source>That did not work. Touch “Try again”, or the button and a helper will check.</source>
        <translation>没有成功。请点“再试一次”，或点下面的按钮，由工作人员核对。</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../ui/idle_overlay.py" line="43"/>
        <location filename="../ui/idle_overlay.py" line="87"/>
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message>
        <location filename="../ui/idle_overlay.py" line="46"/>
        <source>I am still here</source>
        <translation>我还在</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/idle_overlay.py" line="64"/>
        <source>This session will end in %n seconds to protect your privacy.</source>
        <translation>
            <numerusform>为保护您的隐私，本次办理将在 %n 秒后结束。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/idle_overlay.py" line="88"/>
        <source>Touch “I am still here” to continue.</source>
        <translation>请点“我还在”继续。</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../ui/keypad.py" line="106"/>
        <source>⌫ Delete</source>
        <translation>⌫ 删除</translation>
    </message>
    <message>
        <location filename="../ui/keypad.py" line="106"/>
        <location filename="../ui/keypad.py" line="107"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../ui/keypad.py" line="109"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/keypad.py" line="207"/>
        <source>Typed so far: %n characters</source>
        <translation>
            <numerusform>已输入 %n 位</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/keypad.py" line="217"/>
        <source>%n more to type</source>
        <translation>
            <numerusform>还需输入 %n 位</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/keypad.py" line="224"/>
        <source>✓ Check digit correct</source>
        <translation>✓ 校验正确</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="365"/>
        <location filename="../ui/main_window.py" line="374"/>
        <source>Language: %1</source>
        <translation>切换语言：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="367"/>
        <location filename="../ui/main_window.py" line="375"/>
        <source>Elder mode</source>
        <translation>长辈模式</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="375"/>
        <source>✓ Elder mode</source>
        <translation>✓ 长辈模式</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="368"/>
        <location filename="../ui/main_window.py" line="376"/>
        <source>Voice guidance unavailable</source>
        <translation>语音播报暂不可用</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="366"/>
        <source>✓ Elder</source>
        <translation>✓ 长辈</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="366"/>
        <source>Elder</source>
        <translation>长辈</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="369"/>
        <location filename="../ui/main_window.py" line="377"/>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="369"/>
        <location filename="../ui/main_window.py" line="377"/>
        <source>Sound: speed and volume</source>
        <translation>声音：语速和音量</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="370"/>
        <location filename="../ui/main_window.py" line="378"/>
        <source>Repeat</source>
        <translation>重播</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="371"/>
        <source>Help</source>
        <translation>求助</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="371"/>
        <source>Help: call a helper</source>
        <translation>求助：呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="379"/>
        <source>Call a helper</source>
        <translation>呼叫工作人员</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="434"/>
        <source>Slower</source>
        <translation>慢一点</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="435"/>
        <source>Faster</source>
        <translation>快一点</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="436"/>
        <source>Quieter</source>
        <translation>小声一点</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="437"/>
        <source>Louder</source>
        <translation>大声一点</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="445"/>
        <source>Volume %1%</source>
        <translation>音量 %1%</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="446"/>
        <source>Speed %1</source>
        <translation>语速 %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="460"/>
        <source>A helper has received your call and is on the way.</source>
        <translation>工作人员已收到，马上过来。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="462"/>
        <source>This code is not a Waystation receipt or appointment. Please show the receipt&apos;s QR code.</source>
        <translation>这不是驿站的回执或预约码，请出示回执上的二维码。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="539"/>
        <source>Application number</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="539"/>
        <source>Issued</source>
        <translation>开具时间</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="540"/>
        <source>Keep this receipt to check progress.</source>
        <translation>请保存本回执，用于查询办理进度。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="459"/>
        <source>A helper is coming to you. Please wait here.</source>
        <translation>工作人员马上过来，请在这里稍等。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="461"/>
        <source>Please wave to a helper: the request could not be saved.</source>
        <translation>呼叫没有保存成功，请向工作人员招手。</translation>
    </message>
</context>
<context>
    <name>OutreachLine</name>
    <message>
        <location filename="../ui/outreach.py" line="35"/>
        <source>Outreach</source>
        <translation>上门服务</translation>
    </message>
    <message>
        <location filename="../ui/outreach.py" line="36"/>
        <source>Helper %1 (%2)</source>
        <translation>工作人员 %1（%2）</translation>
    </message>
    <message>
        <location filename="../ui/outreach.py" line="37"/>
        <source>A helper must sign in</source>
        <translation>请工作人员登录</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/outreach.py" line="39"/>
        <source>%n application(s) waiting to be sent</source>
        <translation>
            <numerusform>%n 份申请待发送</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/outreach.py" line="41"/>
        <source>%n set aside</source>
        <translation>
            <numerusform>%n 份待处理</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/outreach.py" line="43"/>
        <source>centre reached</source>
        <translation>已连接中心</translation>
    </message>
    <message>
        <location filename="../ui/outreach.py" line="45"/>
        <source>offline since %1</source>
        <translation>自 %1 起未连接中心</translation>
    </message>
    <message>
        <location filename="../ui/outreach.py" line="47"/>
        <source>offline</source>
        <translation>未连接中心</translation>
    </message>
</context>
<context>
    <name>PinPrompt</name>
    <message>
        <location filename="../ui/console/pin_prompt.py" line="31"/>
        <source>Type your PIN again to confirm: %1</source>
        <translation>请再次输入密码，确认%1</translation>
    </message>
    <message>
        <location filename="../ui/console/pin_prompt.py" line="48"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/console/pin_prompt.py" line="50"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../ui/console/pin_prompt.py" line="59"/>
        <source>Please type your PIN.</source>
        <translation>请输入密码。</translation>
    </message>
</context>
<context>
    <name>ProxyStartPage</name>
    <message>
        <location filename="../ui/console/proxy_page.py" line="22"/>
        <source>Apply for someone else</source>
        <translation>代办申请</translation>
    </message>
    <message>
        <location filename="../ui/console/proxy_page.py" line="27"/>
        <source>Apply for someone who cannot come (代办)</source>
        <translation>为不能到场的居民代办申请</translation>
    </message>
    <message>
        <location filename="../ui/console/proxy_page.py" line="30"/>
        <source>The agent lays their own ID card; you type the name and ID number of the person they apply for, choose how they are related, and photograph the signed authorisation letter.</source>
        <translation>代办人刷本人身份证；您输入委托人的姓名和身份证号，选择双方关系，并拍摄委托人签字的委托书。</translation>
    </message>
    <message>
        <location filename="../ui/console/proxy_page.py" line="40"/>
        <source>No service of this station may be applied for by an agent.</source>
        <translation>本站没有可以代办的服务。</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../ui/console/queue_page.py" line="39"/>
        <source>Queue</source>
        <translation>申请队列</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="46"/>
        <source>Applications on this kiosk</source>
        <translation>本机的申请</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="80"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="82"/>
        <source>No application yet today.</source>
        <translation>今天还没有申请。</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="93"/>
        <source>guided</source>
        <translation>帮办</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="93"/>
        <source>self-service</source>
        <translation>自助</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="98"/>
        <source>Open</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="99"/>
        <source>Open %1</source>
        <translation>查看 %1</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="108"/>
        <source>Why are you opening %1?</source>
        <translation>为什么要查看 %1？</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="110"/>
        <source>Its personal data is shown only for a reason, and the reason is recorded with your helper number.</source>
        <translation>个人资料只在有理由时显示，理由会连同您的工号一起记录。</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="114"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="125"/>
        <source>Application %1</source>
        <translation>申请 %1</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="129"/>
        <source>Its personal data is no longer on this kiosk (sent and purged, or discarded).</source>
        <translation>本机已不再保存它的个人资料（已发送并清除，或已作废）。</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="137"/>
        <source>Identity: %1</source>
        <translation>身份核验方式：%1</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="140"/>
        <source>Photo: %1 (%2 KB)</source>
        <translation>照片：%1（%2 KB）</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="143"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../ui/screens/rating.py" line="35"/>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="35"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="36"/>
        <source>Fairly satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="36"/>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="37"/>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="41"/>
        <source>How was the service today?</source>
        <translation>请为本次服务评价</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="43"/>
        <source>Touch one. Your answer is anonymous; you may skip.</source>
        <translation>请点选一项。评价不记录您的个人信息，也可以跳过。</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="58"/>
        <source>We are sorry. What went wrong? Touch all that apply.</source>
        <translation>很抱歉。请告诉我们哪里不满意（可多选）。</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="68"/>
        <source>Ask a helper to come</source>
        <translation>请工作人员过来</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="99"/>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="110"/>
        <source>Send</source>
        <translation>提交评价</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="134"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="133"/>
        <source>We are sorry. What went wrong? Touch all that apply, then Send.</source>
        <translation>很抱歉。请点选不满意的地方，可以多选，然后按“提交评价”。</translation>
    </message>
    <message>
        <location filename="../ui/screens/rating.py" line="135"/>
        <source>How was the service today? %1. Or touch Skip.</source>
        <translation>请为本次服务评价：%1。也可以按“跳过”。</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <location filename="../ui/screens/receipt.py" line="37"/>
        <source>✓ Your application has been received.</source>
        <translation>✓ 您的申请已受理。</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="41"/>
        <source>Application number:</source>
        <translation>申请编号：</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="50"/>
        <source>QR code of the application number</source>
        <translation>申请编号二维码</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="57"/>
        <source>Keep this number: you can check progress with it or with your ID card.</source>
        <translation>请记下这个编号：凭编号或身份证都可以查询进度。</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="59"/>
        <source>Replaces application %1.</source>
        <translation>替代申请 %1。</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="63"/>
        <source>Your receipt is being printed below the screen.</source>
        <translation>回执正在打印，请在屏幕下方取走。</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="64"/>
        <source>A copy of this receipt is saved; a helper can print it for you.</source>
        <translation>回执已保存，工作人员可以帮您打印。</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="65"/>
        <source>The printer did not work; a copy is saved and a helper can print it.</source>
        <translation>打印机没有工作，回执已保存，工作人员可以帮您打印。</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="73"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../ui/screens/receipt.py" line="81"/>
        <source>Your application has been received. Your application number is %1.</source>
        <translation>您的申请已受理。申请编号是：%1。</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../ui/screens/review.py" line="38"/>
        <source>Please check your answers.</source>
        <translation>请核对您填写的内容。</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="52"/>
        <source>From the agent&apos;s card</source>
        <translation>来自代理人的证件</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="57"/>
        <location filename="../ui/screens/review.py" line="73"/>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="58"/>
        <location filename="../ui/screens/review.py" line="74"/>
        <source>Change %1</source>
        <translation>修改%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="72"/>
        <source>✓ photo taken</source>
        <translation>✓ 已拍摄</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="72"/>
        <source>— no photo</source>
        <translation>— 未拍摄</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="141"/>
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="152"/>
        <source>Please check your answers. Touch Change to correct one, or Submit when all is right.</source>
        <translation>请核对您填写的内容。需要更正请按“修改”，确认无误请按“提交”。</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="99"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="83"/>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../ui/screens/review.py" line="100"/>
        <source>Show %1 for 10 seconds</source>
        <translation>显示%1，10 秒后隐藏</translation>
    </message>
</context>
<context>
    <name>SavingScreen</name>
    <message>
        <location filename="../ui/main_window.py" line="69"/>
        <source>Saving your application…</source>
        <translation>正在保存您的申请……</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../ui/screens/base.py" line="116"/>
        <source>Back</source>
        <extracomment>key of the spoken prompt (voice guidance) for this screen</extracomment>
        <translation>上一步</translation>
    </message>
</context>
<context>
    <name>SetAsidePage</name>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="26"/>
        <source>Set aside</source>
        <translation>被退回</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="32"/>
        <source>Set aside by the centre</source>
        <translation>被中心退回</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="54"/>
        <source>Nothing is set aside. Applications the centre refuses wait here for a helper, without holding up the others.</source>
        <translation>没有被退回的申请。中心不受理的申请会在这里等待工作人员处理，不影响其他申请发送。</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="60"/>
        <source>set aside %1</source>
        <translation>%1 被退回</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="64"/>
        <source>Correct and resend</source>
        <translation>更正后重新提交</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="67"/>
        <source>Retry now</source>
        <translation>立即重发</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="69"/>
        <source>Discard…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="87"/>
        <source>%1 is back in the queue and will be sent again.</source>
        <translation>%1 已回到队列，会重新发送。</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="93"/>
        <source>It is a duplicate</source>
        <translation>重复提交</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="93"/>
        <source>The resident withdrew it</source>
        <translation>居民撤回</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="94"/>
        <source>It cannot be corrected</source>
        <translation>无法更正</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="94"/>
        <source>It was a test</source>
        <translation>测试申请</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="100"/>
        <source>Discard %1?</source>
        <translation>作废 %1？</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="102"/>
        <source>It will never be sent, and its personal data is deleted from this kiosk. The reason is recorded with your helper number.</source>
        <translation>作废后不会再发送，本机上的个人资料会被删除。理由会连同您的工号一起记录。</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="106"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/console/set_aside_page.py" line="114"/>
        <source>%1 was discarded.</source>
        <translation>%1 已作废。</translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <location filename="../ui/console/sign_in.py" line="69"/>
        <source>Staff sign-in</source>
        <translation>工作人员登录</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="73"/>
        <source>After 5 wrong PINs a helper number is locked for 5 minutes.</source>
        <translation>密码连续输错 5 次，工号会被锁定 5 分钟。</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="91"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="93"/>
        <source>‹ Helper number</source>
        <translation>‹ 工号</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="103"/>
        <source>Type your helper number.</source>
        <translation>请输入您的工号。</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="103"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="110"/>
        <source>Staff card of helper %1. Type your PIN.</source>
        <translation>工号 %1 的工作人员卡。请输入密码。</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="113"/>
        <source>Helper %1: type your PIN.</source>
        <translation>工号 %1：请输入密码。</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="115"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="119"/>
        <source>Staff sign-in.</source>
        <translation>工作人员登录。</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="126"/>
        <source>A helper number has 3 to 8 digits.</source>
        <translation>工号为 3 到 8 位数字。</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="135"/>
        <source>Please type your PIN.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../ui/console/sign_in.py" line="144"/>
        <source>Checking…</source>
        <translation>正在核对…</translation>
    </message>
</context>
<context>
    <name>StateWords</name>
    <message>
        <location filename="../ui/console/queue_page.py" line="22"/>
        <source>waiting to be sent</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="22"/>
        <source>being sent</source>
        <translation>正在发送</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="23"/>
        <source>sent today</source>
        <translation>今天已发送</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="23"/>
        <source>set aside by the centre</source>
        <translation>被中心退回</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="24"/>
        <source>sending failed, retrying</source>
        <translation>发送失败，正在重试</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="24"/>
        <source>discarded</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="27"/>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="30"/>
        <source>The resident is here</source>
        <translation>居民在场</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="30"/>
        <source>A correction</source>
        <translation>更正资料</translation>
    </message>
    <message>
        <location filename="../ui/console/queue_page.py" line="31"/>
        <source>An audit</source>
        <translation>审核检查</translation>
    </message>
</context>
<context>
    <name>StationHeader</name>
    <message>
        <location filename="../ui/station_header.py" line="87"/>
        <source>The network is down for now; applications are saved on this kiosk first</source>
        <translation>网络暂时断开，申请会先保存在本机</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <location filename="../ui/screens/status.py" line="32"/>
        <source>Check the progress of your applications</source>
        <extracomment>every status an application can have on this kiosk: its own (queued, set_aside) and the centre&apos;s</extracomment>
        <translation>查询您的办理进度</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="75"/>
        <source>Place your ID card on the reader, show the receipt&apos;s QR code to the camera, or type the last 8 digits of the number on your receipt (after the date).</source>
        <translation>请把身份证放在读卡区，或把回执上的二维码对准摄像头，或输入回执编号最后8位数字（日期之后的部分）。</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="49"/>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="59"/>
        <source>No application found. Applications sent more than a while ago may be known only at the service centre; please ask a helper.</source>
        <translation>没有找到申请。较早的申请可能只在服务中心有记录，请联系工作人员。</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="74"/>
        <source>Place your ID card, show the receipt&apos;s QR code, or type the receipt&apos;s last 8 digits.</source>
        <translation>请放身份证，或出示回执二维码，或输入回执编号最后8位。</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="89"/>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="95"/>
        <source>saved on this kiosk, waiting to be sent</source>
        <translation>已保存在本机，等待发送</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="96"/>
        <source>kept on this kiosk for a helper to check: please ask a helper</source>
        <translation>已暂存在本机，待工作人员核对：请联系工作人员</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="97"/>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="98"/>
        <source>being sent to the service centre</source>
        <translation>正在发送到服务中心</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="99"/>
        <source>received by the service centre</source>
        <translation>服务中心已接收</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="100"/>
        <source>being reviewed</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="101"/>
        <source>approved</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="102"/>
        <source>not approved: please ask a helper</source>
        <translation>未通过：请联系工作人员</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="103"/>
        <source>needs a correction: please ask a helper</source>
        <translation>需要补正：请联系工作人员</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="104"/>
        <source>corrected: replaced by a newer application</source>
        <translation>已更正：由新的申请替代</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="105"/>
        <source>unknown: please ask a helper</source>
        <translation>状态未知：请联系工作人员</translation>
    </message>
    <message>
        <location filename="../ui/screens/status.py" line="110"/>
        <source>Please type all 8 digits.</source>
        <translation>请输入全部8位数字。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/screens/status.py" line="127"/>
        <source>%n application(s) found.</source>
        <translation>
            <numerusform>找到 %n 件申请。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StepTexts</name>
    <message>
        <location filename="../ui/step_indicator.py" line="23"/>
        <source>Identity</source>
        <translation>核验身份</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="23"/>
        <source>Your details</source>
        <translation>填写信息</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="24"/>
        <source>Photos</source>
        <translation>拍摄材料</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="24"/>
        <source>Confirm</source>
        <translation>确认提交</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="27"/>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="32"/>
        <source>%1: %2.</source>
        <translation>%1：%2。</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="37"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../ui/step_indicator.py" line="40"/>
        <source>▶ Now: %1</source>
        <translation>▶ 当前：%1</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <location filename="../ui/console/supervisor_page.py" line="20"/>
        <location filename="../ui/console/supervisor_page.py" line="25"/>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../ui/console/supervisor_page.py" line="26"/>
        <source>Each of these asks for your PIN again and is recorded with your helper number.</source>
        <translation>以下每项操作都要再次输入密码，并连同您的工号记录。</translation>
    </message>
    <message>
        <location filename="../ui/console/supervisor_page.py" line="32"/>
        <source>Leave the kiosk</source>
        <translation>退出自助机程序</translation>
    </message>
    <message>
        <location filename="../ui/console/supervisor_page.py" line="33"/>
        <source>To the desktop or a shell, for IT. The kiosk does not start again by itself.</source>
        <translation>退到桌面或命令行，供技术人员使用。自助机不会自行重新启动。</translation>
    </message>
    <message>
        <location filename="../ui/console/supervisor_page.py" line="34"/>
        <source>Restart the kiosk</source>
        <translation>重新启动自助机程序</translation>
    </message>
    <message>
        <location filename="../ui/console/supervisor_page.py" line="35"/>
        <source>The kiosk program starts again; nothing queued is lost.</source>
        <translation>自助机程序重新启动，队列中的申请不会丢失。</translation>
    </message>
    <message>
        <location filename="../ui/console/supervisor_page.py" line="36"/>
        <source>Shut the machine down</source>
        <translation>关闭这台机器</translation>
    </message>
    <message>
        <location filename="../ui/console/supervisor_page.py" line="37"/>
        <source>Queued applications stay on this kiosk and are sent after the next start.</source>
        <translation>队列中的申请保存在本机，下次开机后发送。</translation>
    </message>
</context>
<context>
    <name>SyncLine</name>
    <message>
        <location filename="../ui/sync_line.py" line="40"/>
        <source>Offline · %1 waiting</source>
        <translation>离线 · %1 件待发</translation>
    </message>
    <message>
        <location filename="../ui/sync_line.py" line="42"/>
        <source>Not the centre (login page?) · %1 waiting</source>
        <translation>非服务中心（登录页？）· %1 件待发</translation>
    </message>
    <message>
        <location filename="../ui/sync_line.py" line="44"/>
        <source>Sync stopped (%1)</source>
        <translation>同步已停止（%1）</translation>
    </message>
    <message>
        <location filename="../ui/sync_line.py" line="46"/>
        <source>%1 set aside</source>
        <translation>%1 件待核对</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../ui/console/today_page.py" line="19"/>
        <location filename="../ui/console/today_page.py" line="25"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="29"/>
        <source>CSV files go to: %1</source>
        <translation>CSV 文件保存到：%1</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="35"/>
        <source>Export as CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="53"/>
        <source>Residents served</source>
        <translation>服务居民</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="53"/>
        <source>Applications</source>
        <translation>申请</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="54"/>
        <source>Guided by a helper</source>
        <translation>工作人员帮办</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="54"/>
        <source>Self-service</source>
        <translation>自助办理</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="55"/>
        <source>Set aside by the centre</source>
        <translation>被中心退回</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="64"/>
        <source>By service</source>
        <translation>按事项</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="66"/>
        <source>No application yet today.</source>
        <translation>今天还没有申请。</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="68"/>
        <source>median %1 min</source>
        <translation>中位用时 %1 分钟</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="69"/>
        <source>no timed visit</source>
        <translation>没有计时</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/console/today_page.py" line="71"/>
        <source>%n application(s)</source>
        <translation>
            <numerusform>%n 份申请</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="72"/>
        <source>(%1 guided, %2 self-service), %3 set aside, %4</source>
        <translation>（帮办 %1，自助 %2），退回 %3，%4</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="76"/>
        <source>Ratings (好差评)</source>
        <translation>好差评</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="77"/>
        <source>very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="77"/>
        <source>satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="78"/>
        <source>fairly satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="78"/>
        <source>dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="79"/>
        <source>very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <location filename="../ui/console/today_page.py" line="91"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
</TS>
